import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random/rng';
import { modalityDropoutMask } from '../../../src/core/fusion/modalityDropout';

/** Number of zeros in each row of a [rows, m] mask. */
function zerosPerRow(mask: Float32Array, m: number): number[] {
  return Array.from(
    { length: mask.length / m },
    (_, r) => mask.subarray(r * m, (r + 1) * m).filter((x) => x === 0).length,
  );
}

describe('modalityDropoutMask', () => {
  it('zeroes exactly one modality in the rows it drops and none elsewhere', () => {
    for (const m of [2, 3]) {
      const mask = modalityDropoutMask(1000, m, 0.5, createRng(1));
      const zeros = zerosPerRow(mask, m);
      expect(zeros.every((z) => z === 0 || z === 1)).toBe(true);
      expect([...mask].every((x) => x === 0 || x === 1)).toBe(true);
      // About half the rows drop, each modality about equally often.
      const dropped = zeros.filter((z) => z === 1).length;
      expect(dropped).toBeGreaterThan(440);
      expect(dropped).toBeLessThan(560);
      for (let k = 0; k < m; k++) {
        const lost = zeros.filter((_, r) => mask[r * m + k] === 0).length;
        expect(Math.abs(lost - dropped / m)).toBeLessThan(dropped / m / 4);
      }
    }
  });

  it('keeps every modality at rate 0 and drops one in every row at rate 1', () => {
    expect([...modalityDropoutMask(50, 2, 0, createRng(2))].every((x) => x === 1)).toBe(true);
    expect(zerosPerRow(modalityDropoutMask(50, 2, 1, createRng(2)), 2).every((z) => z === 1)).toBe(true);
  });

  it('is the same for the same seed and never drops the only modality', () => {
    expect(modalityDropoutMask(64, 2, 0.5, createRng(3))).toEqual(
      modalityDropoutMask(64, 2, 0.5, createRng(3)),
    );
    expect([...modalityDropoutMask(10, 1, 1, createRng(3))].every((x) => x === 1)).toBe(true);
  });
});
