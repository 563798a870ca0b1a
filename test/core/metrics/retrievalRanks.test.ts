import { describe, expect, it } from 'vitest';
import { embeddings, type Embeddings } from '../../../src/core/metrics/embeddings';
import { keyIds, retrievalRanks, semanticRanks } from '../../../src/core/metrics/recall';

/** The plain algorithm the fast one must match bit for bit: one float64 dot per pair, string keys. */
function referenceRanks(q: Embeddings, g: Embeddings, keys: readonly string[], rows: number[]): number[] {
  const dot = (i: number, j: number) => {
    let s = 0;
    for (let k = 0; k < q.d; k++) s += q.data[i * q.d + k] * g.data[j * q.d + k];
    return s;
  };
  return rows.map((i) => {
    let best = -Infinity;
    for (let j = 0; j < g.n; j++) if (keys[j] === keys[i] && dot(i, j) > best) best = dot(i, j);
    let ahead = 0;
    for (let j = 0; j < g.n; j++) if (keys[j] !== keys[i] && dot(i, j) >= best) ahead++;
    return ahead + 1;
  });
}

/** Deterministic generator (an LCG) so a failure reproduces. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * n rows of width d drawn from a few coarse values (many exact ties and near-ties between rows), some
 * rows repeated outright, one zero row; keys from a small set so most keys are shared.
 */
function tiedSet(n: number, d: number, distinctKeys: number, seed: number) {
  const r = lcg(seed);
  const levels = [-0.5, -0.25, 0, 0.1, 0.25, 1 / 3, 0.5];
  const draw = () => {
    const a = new Float32Array(n * d);
    for (let i = 0; i < a.length; i++) a[i] = levels[Math.floor(r() * levels.length)];
    for (let i = 1; i < n; i += 5) a.copyWithin(i * d, (i - 1) * d, i * d);
    a.fill(0, 2 * d, 3 * d);
    return embeddings(a, d);
  };
  const keys = Array.from({ length: n }, () => `k${Math.floor(r() * distinctKeys)}`);
  return { x: draw(), y: draw(), keys };
}

describe('retrievalRanks', () => {
  it.each([
    [37, 3, 4, 1],
    [64, 5, 2, 2],
    [50, 8, 50, 3],
    [23, 1, 3, 4],
  ])('equals the plain algorithm both ways (n=%i, d=%i, %i keys)', (n, d, distinct, seed) => {
    const { x, y, keys } = tiedSet(n, d, distinct, seed);
    const all = Array.from({ length: n }, (_, i) => i);
    const some = all.filter((i) => i % 3 !== 1).reverse();
    for (const rows of [all, some]) {
      const both = retrievalRanks(x, y, keys, rows);
      expect(Array.from(both.i2t)).toEqual(referenceRanks(x, y, keys, rows));
      expect(Array.from(both.t2i)).toEqual(referenceRanks(y, x, keys, rows));
      expect(Array.from(semanticRanks(x, y, keys, rows))).toEqual(referenceRanks(x, y, keys, rows));
      expect(Array.from(semanticRanks(y, x, keys, rows))).toEqual(referenceRanks(y, x, keys, rows));
    }
  });

  it('ranks near-ties that only the order of summation decides exactly as the plain algorithm', () => {
    // Each gallery row is a shuffle of the same six values, of magnitudes 2^20 down to 2^-24: summed in
    // another order they round differently, so scores differ in the last bits only. Queries are constant
    // rows (±1, 0.5), whose score against a row is the row's sum taken in k order.
    const base = [2 ** 20, -(2 ** 20), 0.1 * 2 ** -20, 2 ** -21 / 3, 0.7, -0.7];
    const r = lcg(9);
    const n = 60;
    const d = base.length;
    const y = new Float32Array(n * d);
    const x = new Float32Array(n * d);
    for (let i = 0; i < n; i++) {
      const row = [...base];
      for (let k = d - 1; k > 0; k--) {
        const t = Math.floor(r() * (k + 1));
        [row[k], row[t]] = [row[t], row[k]];
      }
      y.set(row, i * d);
      x.fill([1, -1, 0.5][i % 3], i * d, (i + 1) * d);
    }
    const keys = Array.from({ length: n }, () => `k${Math.floor(r() * 12)}`);
    const all = Array.from({ length: n }, (_, i) => i);
    const [xe, ye] = [embeddings(x, d), embeddings(y, d)];
    const both = retrievalRanks(xe, ye, keys);
    const expected = referenceRanks(xe, ye, keys, all);
    expect(Array.from(both.i2t)).toEqual(expected);
    // The data does have distinct near-tied scores (so an order change would show in the ranks).
    expect(new Set(expected).size).toBeGreaterThan(5);
  });

  it('has ties in its test data, so the tie rule is exercised', () => {
    const { x, y, keys } = tiedSet(37, 3, 4, 1);
    const all = Array.from({ length: 37 }, (_, i) => i);
    const ranks = referenceRanks(x, y, keys, all);
    // The zero row 2 scores 0 against every row: every item of another key ties it.
    expect(ranks[2]).toBe(keys.filter((k) => k !== keys[2]).length + 1);
  });

  it('scores repeated rows once each, in the order asked', () => {
    const x = embeddings(Float32Array.from([1, 0, 0, 1, 0.6, 0.8]), 2);
    const y = embeddings(Float32Array.from([0, 1, 1, 0, 0.6, 0.8]), 2);
    const { i2t, t2i } = retrievalRanks(x, y, ['a', 'b', 'c'], [2, 0, 2]);
    // x2 = (0.6, 0.8) scores 0.8, 0.6, 1 against y: its own y2 is best. x0 = (1, 0) scores 0, 1, 0.6:
    // y1 and y2 (other keys) beat its own y0.
    expect(Array.from(i2t)).toEqual([1, 3, 1]);
    // y2 against x: 0.6, 0.8, 1; y0 = (0, 1) against x: 0, 1, 0.8 -> x1 and x2 beat its own x0.
    expect(Array.from(t2i)).toEqual([1, 3, 1]);
  });

  it('rejects rows outside the set and keys of the wrong length', () => {
    const x = embeddings(Float32Array.from([1, 0, 0, 1]), 2);
    expect(() => retrievalRanks(x, x, ['a', 'b'], [0, 2])).toThrow(/retrievalRanks: row 2 is not in 0\.\.1/);
    expect(() => retrievalRanks(x, x, ['a'])).toThrow(/retrievalRanks: 1 keys for 2 pairs/);
  });
});

describe('keyIds', () => {
  it('gives equal keys equal ids, in order of first appearance', () => {
    expect(Array.from(keyIds(['b', 'a', 'b', 'c', 'a']))).toEqual([0, 1, 0, 2, 1]);
  });
});
