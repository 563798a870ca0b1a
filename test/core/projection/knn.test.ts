import { describe, it, expect } from 'vitest';
import { exactKnn } from '../../../src/core/projection/knn';
import { nnDescent } from '../../../src/core/projection/nnDescent';
import { createRng } from '../../../src/core/random/rng';

function randomRows(n: number, d: number, seed: number): Float32Array {
  const rng = createRng(seed);
  // 10 clusters, like embeddings of a few meanings.
  const centres = Array.from({ length: 10 }, () => Array.from({ length: d }, () => rng.normal()));
  return Float32Array.from(
    { length: n * d },
    (_, t) => centres[Math.floor(t / d) % 10][t % d] + 0.4 * rng.normal(),
  );
}

function recall(a: { indices: Int32Array; n: number; k: number }, b: { indices: Int32Array }): number {
  let hits = 0;
  for (let i = 0; i < a.n; i++) {
    const truth = new Set(a.indices.subarray(i * a.k, (i + 1) * a.k));
    for (let t = 0; t < a.k; t++) if (truth.has(b.indices[i * a.k + t])) hits++;
  }
  return hits / (a.n * a.k);
}

describe('exactKnn', () => {
  it('lists each row itself first, then its nearest others by distance, ties to the lower index', () => {
    // Points on a line at 0, 1, 3, 7, 8 (1-d rows).
    const g = exactKnn(Float32Array.from([0, 1, 3, 7, 8]), 5, 1, 3);
    expect(Array.from(g.indices)).toEqual([0, 1, 2, 1, 0, 2, 2, 1, 0, 3, 4, 2, 4, 3, 2]);
    expect(Array.from(g.distances)).toEqual([0, 1, 3, 0, 1, 2, 0, 2, 3, 0, 1, 4, 0, 1, 5]);
  });

  it('keeps the row first even when it has duplicates', () => {
    const g = exactKnn(Float32Array.from([5, 5, 5, 9]), 4, 1, 3);
    for (let i = 0; i < 3; i++) expect(g.indices[i * 3]).toBe(i);
  });
});

describe('nnDescent', () => {
  it('finds (nearly) the exact neighbours from a random start', () => {
    const data = randomRows(1500, 16, 1);
    const exact = exactKnn(data, 1500, 16, 15);
    const approx = nnDescent(data, 1500, 16, 15, createRng(2));
    expect(recall(exact, approx)).toBeGreaterThan(0.98);
    for (let i = 0; i < 1500; i++) expect(approx.indices[i * 15]).toBe(i);
  });

  it('repairs the previous graph after the rows move a little', () => {
    const data = randomRows(1500, 16, 1);
    const before = exactKnn(data, 1500, 16, 15);
    const rng = createRng(5);
    const moved = data.map((v) => v + 0.05 * rng.normal());
    const warm = nnDescent(moved, 1500, 16, 15, createRng(2), { init: before, maxRounds: 2 });
    expect(recall(exactKnn(moved, 1500, 16, 15), warm)).toBeGreaterThan(0.99);
  });

  it('is seeded: the same seed gives the same graph', () => {
    const data = randomRows(400, 8, 3);
    expect(nnDescent(data, 400, 8, 10, createRng(4)).indices).toEqual(
      nnDescent(data, 400, 8, 10, createRng(4)).indices,
    );
  });
});
