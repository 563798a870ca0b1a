import { describe, it, expect } from 'vitest';
import { UMAP } from 'umap-js';
import { exactKnn, toNestedLists } from '../../../src/core/projection/knn';
import { fuzzySimplicialSet } from '../../../src/core/projection/fuzzyGraph';
import { createRng } from '../../../src/core/random/rng';

/** umap-js's own fuzzy graph for the same neighbour lists (its method is private: reached through a cast). */
function umapJsGraph(data: Float32Array, n: number, d: number, k: number): Map<string, number> {
  const nested = toNestedLists(exactKnn(data, n, d, k));
  const umap = new UMAP({ nNeighbors: k });
  umap.setPrecomputedKNN(nested.indices, nested.distances);
  const rows = Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * d, (i + 1) * d)));
  const internal = umap as unknown as {
    fuzzySimplicialSet(
      x: number[][],
      k: number,
      mix: number,
    ): { getAll(): { row: number; col: number; value: number }[] };
  };
  const out = new Map<string, number>();
  for (const e of internal.fuzzySimplicialSet(rows, k, 1).getAll())
    if (e.value > 0) out.set(`${e.row}:${e.col}`, e.value);
  return out;
}

describe('fuzzySimplicialSet', () => {
  it('gives umap-js 1.4 weights, edge for edge', () => {
    const rng = createRng(11);
    const n = 300;
    const d = 6;
    const data = Float32Array.from({ length: n * d }, () => rng.normal());
    const ours = fuzzySimplicialSet(exactKnn(data, n, d, 10));
    const theirs = umapJsGraph(data, n, d, 10);
    expect(ours.head.length).toBe(theirs.size);
    for (let e = 0; e < ours.head.length; e++) {
      // umap-js stores row = tail, col = head.
      const w = theirs.get(`${ours.tail[e]}:${ours.head[e]}`);
      expect(w).toBeDefined();
      expect(ours.weight[e]).toBeCloseTo(w!, 5);
    }
  });

  it('is symmetric, with weights in (0, 1] and no self loops', () => {
    const rng = createRng(12);
    const data = Float32Array.from({ length: 200 * 4 }, () => rng.normal());
    const g = fuzzySimplicialSet(exactKnn(data, 200, 4, 8));
    const w = new Map<string, number>();
    for (let e = 0; e < g.head.length; e++) {
      expect(g.head[e]).not.toBe(g.tail[e]);
      expect(g.weight[e]).toBeGreaterThan(0);
      expect(g.weight[e]).toBeLessThanOrEqual(1);
      w.set(`${g.head[e]}:${g.tail[e]}`, g.weight[e]);
    }
    for (const [key, value] of w) {
      const [i, j] = key.split(':');
      expect(w.get(`${j}:${i}`)).toBe(value);
    }
  });
});
