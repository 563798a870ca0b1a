import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { hingeRanking } from '../../../src/core/losses/hingeRanking';

beforeAll(() => useNodeBackend('cpu'));

function loss(x: number[][], y: number[][], margin: number, negatives: 'sum' | 'hardest'): number {
  return tf.tidy(() => hingeRanking(tf.tensor2d(x), tf.tensor2d(y), margin, negatives).arraySync());
}

// Three pairs in 2-D. S = x yᵀ = [[1, 0, 0.8], [0, 1, 0.6], [0.6, 0.8, 0.96]].
const X = [
  [1, 0],
  [0, 1],
  [0.6, 0.8],
];
const Y = [
  [1, 0],
  [0, 1],
  [0.8, 0.6],
];

describe('hingeRanking', () => {
  // Margin 0.5. Image query i against wrong captions j: [m − S_ii + S_ij]₊
  //   i=0: j=1 → 0,   j=2 → 0.5 − 1 + 0.8 = 0.3
  //   i=1: j=0 → 0,   j=2 → 0.5 − 1 + 0.6 = 0.1
  //   i=2: j=0 → 0.5 − 0.96 + 0.6 = 0.14,  j=1 → 0.5 − 0.96 + 0.8 = 0.34
  // Caption query j against wrong images i: [m − S_jj + S_ij]₊
  //   j=0: i=1 → 0,   i=2 → 0.5 − 1 + 0.6 = 0.1
  //   j=1: i=0 → 0,   i=2 → 0.5 − 1 + 0.8 = 0.3
  //   j=2: i=0 → 0.5 − 0.96 + 0.8 = 0.34,  i=1 → 0.5 − 0.96 + 0.6 = 0.14
  it("'sum' adds every violation: mean(0.3 + 0.1, 0.1 + 0.3, 0.48 + 0.48) = 0.586667", () => {
    expect(loss(X, Y, 0.5, 'sum')).toBeCloseTo(1.76 / 3, 5);
  });

  it("'hardest' keeps the worst one: mean(0.3 + 0.1, 0.1 + 0.3, 0.34 + 0.34) = 0.493333", () => {
    expect(loss(X, Y, 0.5, 'hardest')).toBeCloseTo(1.48 / 3, 5);
  });

  it('is zero when every true pair wins by the margin', () => {
    const I3 = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ];
    // S = I: each wrong pair costs [m − 1 + 0]₊ = 0 for m < 1.
    expect(loss(I3, I3, 0.5, 'sum')).toBe(0);
    expect(loss(I3, I3, 0.5, 'hardest')).toBe(0);
    // m = 1.5: each of the 2 wrong pairs costs 0.5 per direction: sum 2, hardest 1.
    expect(loss(I3, I3, 1.5, 'sum')).toBeCloseTo(2, 6);
    expect(loss(I3, I3, 1.5, 'hardest')).toBeCloseTo(1, 6);
    // The 3-pair case above: margin 0.1 is satisfied everywhere (largest S_ij − S_ii is −0.16).
    expect(loss(X, Y, 0.1, 'sum')).toBe(0);
  });

  it('with two pairs, sum and hardest agree (one negative each)', () => {
    // S = [[1, 0.6], [0, 0.8]], m = 0.5: image 0 → 0.1, caption 1 → 0.5 − 0.8 + 0.6 = 0.3; mean 0.2.
    const y = [
      [1, 0],
      [0.6, 0.8],
    ];
    const x = [
      [1, 0],
      [0, 1],
    ];
    expect(loss(x, y, 0.5, 'sum')).toBeCloseTo(0.2, 6);
    expect(loss(x, y, 0.5, 'hardest')).toBeCloseTo(0.2, 6);
  });
});
