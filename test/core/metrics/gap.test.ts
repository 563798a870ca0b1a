import { describe, expect, it } from 'vitest';
import { embeddings, selectRows } from '../../../src/core/metrics/embeddings';
import { coneCosine, modalityGap, pairCosine } from '../../../src/core/metrics/gap';
import { alignment, uniformity } from '../../../src/core/metrics/alignmentUniformity';

/** Rows of 2-D vectors as Embeddings. */
const rows2 = (...r: [number, number][]) => embeddings(Float32Array.from(r.flat()), 2);

describe('modalityGap', () => {
  it('is the distance between the two centroids', () => {
    // mean x = (0.5, 0.5), mean y = (−0.5, −0.5): ‖(1, 1)‖ = √2.
    const x = rows2([1, 0], [0, 1]);
    const y = rows2([-1, 0], [0, -1]);
    expect(modalityGap(x, y)).toBeCloseTo(Math.SQRT2, 6);
    // Row 0 alone: ‖(1, 0) − (−1, 0)‖ = 2, the largest possible.
    expect(modalityGap(x, y, [0])).toBeCloseTo(2, 6);
    expect(modalityGap(x, x)).toBe(0);
  });

  it('rejects unpaired inputs', () => {
    expect(() => modalityGap(rows2([1, 0]), rows2([1, 0], [0, 1]))).toThrow(/modalityGap/);
    expect(() => embeddings(new Float32Array(3), 2)).toThrow(/multiple/);
  });
});

describe('pairCosine and alignment', () => {
  // Pairs: (1, 0)·(0.6, 0.8) = 0.6 and (0, 1)·(0, 1) = 1.
  const x = rows2([1, 0], [0, 1]);
  const y = rows2([0.6, 0.8], [0, 1]);

  it('pairCosine is the mean cosine of true pairs', () => {
    expect(pairCosine(x, y)).toBeCloseTo(0.8, 6);
    expect(pairCosine(x, y, [0])).toBeCloseTo(0.6, 6);
  });

  it('alignment is the mean squared pair distance, 2 − 2·pairCosine for unit vectors', () => {
    // ‖(0.4, −0.8)‖² = 0.16 + 0.64 = 0.8 and 0: mean 0.4 = 2 − 2 · 0.8.
    expect(alignment(x, y)).toBeCloseTo(0.4, 6);
    expect(alignment(x, y)).toBeCloseTo(2 - 2 * pairCosine(x, y), 6);
    expect(alignment(x, y, [1])).toBe(0);
    // Opposite pairs: 4.
    expect(alignment(x, rows2([-1, 0], [0, -1]))).toBeCloseTo(4, 6);
  });
});

describe('coneCosine', () => {
  it('is the mean cosine over distinct items', () => {
    // (1, 0), (0, 1), (0.6, 0.8): cosines 0, 0.6, 0.8 -> mean 1.4 / 3 = 0.466667.
    expect(coneCosine(rows2([1, 0], [0, 1], [0.6, 0.8]))).toBeCloseTo(1.4 / 3, 6);
    // All equal: 1. Antipodal pair: −1.
    expect(coneCosine(rows2([0.6, 0.8], [0.6, 0.8], [0.6, 0.8]))).toBeCloseTo(1, 6);
    expect(coneCosine(rows2([1, 0], [-1, 0]))).toBeCloseTo(-1, 6);
    expect(() => coneCosine(rows2([1, 0]))).toThrow(/at least 2/);
  });
});

describe('uniformity', () => {
  it('has the closed form −t(2 − 2c) for two points with cosine c', () => {
    // log exp(−t‖u − v‖²) = −t ‖u − v‖², and ‖u − v‖² = 2 − 2c.
    expect(uniformity(rows2([1, 0], [0, 1]))).toBeCloseTo(-4, 6); // c = 0, t = 2
    expect(uniformity(rows2([1, 0], [-1, 0]))).toBeCloseTo(-8, 6); // c = −1
    expect(uniformity(rows2([1, 0], [0.6, 0.8]))).toBeCloseTo(-2 * 0.8, 6); // c = 0.6
    expect(uniformity(rows2([1, 0], [1, 0]))).toBe(0); // coincident
    expect(uniformity(rows2([1, 0], [0, 1]), 1)).toBeCloseTo(-2, 6); // t = 1
  });

  it('is −6 for three points 120° apart (every ‖u − v‖² = 3)', () => {
    const s = Math.sqrt(3) / 2;
    expect(uniformity(rows2([1, 0], [-0.5, s], [-0.5, -s]))).toBeCloseTo(-6, 5);
  });

  it('needs two points', () => {
    expect(() => uniformity(rows2([1, 0]))).toThrow(/at least 2/);
  });
});

describe('selectRows', () => {
  it('copies the chosen rows in order', () => {
    const picked = selectRows(rows2([1, 2], [3, 4], [5, 6]), [2, 0]);
    expect(picked.n).toBe(2);
    expect(Array.from(picked.data)).toEqual([5, 6, 1, 2]);
  });
});
