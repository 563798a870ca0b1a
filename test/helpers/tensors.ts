/** Shared helpers for the unit tests: closeness checks, seeded arrays and hand-made batches. */
import { expect } from 'vitest';
import type { tf } from '../../src/core/tf';
import { createRng } from '../../src/core/random/rng';
import type { HostBatch } from '../../src/core/data/batch';
import { IMAGE_LENGTH } from '../../src/core/data/pairs';

/** Asserts |actual[i] − expected[i]| ≤ tol for every i, naming the first index that differs. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (!(Math.abs(a - e) <= tol)) expect.fail(`index ${i}: got ${a}, expected ${e} (tolerance ${tol})`);
  }
}

/** n standard-normal floats from a seeded generator (the same on every backend). */
export function normals(n: number, seed: number, scale = 1): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => rng.normal() * scale);
}

/** Reads a tensor back as a plain Float32Array (tests may block; the app may not). */
export async function values(t: tf.Tensor): Promise<Float32Array> {
  return Float32Array.from(await t.data());
}

/**
 * A batch built by hand: `captionIds[r]` are the word ids of row r (no BOS/EOS); images are seeded
 * noise in [0, 1].
 */
export function hostBatch(captionIds: readonly number[][], seed = 1): HostBatch {
  const size = captionIds.length;
  const rng = createRng(seed);
  return {
    size,
    indices: Int32Array.from({ length: size }, (_, i) => i),
    images: Float32Array.from({ length: size * IMAGE_LENGTH }, () => rng.next()),
    captionIds: captionIds.map((ids) => Int32Array.from(ids)),
  };
}
