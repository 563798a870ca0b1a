import { describe, expect, it } from 'vitest';
import { embeddings } from '../../../src/core/metrics/embeddings';
import { recallFromRanks, semanticRanks } from '../../../src/core/metrics/recall';

const rows2 = (...r: [number, number][]) => embeddings(Float32Array.from(r.flat()), 2);

// Gallery y and keys: items 0 and 1 share the key 'a'.
const Y = rows2([1, 0], [0, 1], [0.6, 0.8], [0.8, 0.6]);
const KEYS = ['a', 'a', 'b', 'c'];
// Queries x, with their scores against y0..y3:
//   x0 = (0.6, 0.8), key a: 0.6, 0.8, 1.0, 0.96 -> best 'a' is 0.8; y2 and y3 beat it: rank 3
//   x1 = (1, 0),     key a: 1, 0, 0.6, 0.8      -> y0 (not its own y1, but the same key) scores 1: rank 1
//   x2 = (0, 1),     key b: 0, 1, 0.8, 0.6      -> best 'b' is 0.8; y1 beats it: rank 2
//   x3 = (0.8, 0.6), key c: 0.8, 0.6, 0.96, 1   -> its own y3 is best: rank 1
const X = rows2([0.6, 0.8], [1, 0], [0, 1], [0.8, 0.6]);

describe('semanticRanks', () => {
  it('ranks the first gallery item sharing the query key', () => {
    expect(Array.from(semanticRanks(X, Y, KEYS))).toEqual([3, 1, 2, 1]);
    expect(Array.from(semanticRanks(X, Y, KEYS, [2, 0]))).toEqual([2, 3]);
  });

  it('counts ties against the query: collapsed embeddings rank n, not 1', () => {
    const same = rows2([1, 0], [1, 0], [1, 0], [1, 0], [1, 0]);
    const unique = ['a', 'b', 'c', 'd', 'e'];
    expect(Array.from(semanticRanks(same, same, unique))).toEqual([5, 5, 5, 5, 5]);
    // With shared keys, only the items of other keys tie ahead: rank 1 + 2.
    const shared = rows2([1, 0], [1, 0], [1, 0], [1, 0]);
    expect(Array.from(semanticRanks(shared, shared, ['a', 'a', 'b', 'b']))).toEqual([3, 3, 3, 3]);
    expect(recallFromRanks(semanticRanks(same, same, unique)).r1).toBe(0);
  });

  it('checks its inputs', () => {
    expect(() => semanticRanks(X, Y, ['a'])).toThrow(/1 keys for 4 pairs/);
    expect(() => semanticRanks(X, rows2([1, 0]), KEYS)).toThrow(/semanticRanks/);
  });
});

describe('recallFromRanks', () => {
  it('computes R@K and the median of an even count', () => {
    // Ranks 3, 1, 2, 1: R@1 = 2/4; all within 5 and 10; median of 1, 1, 2, 3 = 1.5.
    expect(recallFromRanks(Int32Array.from([3, 1, 2, 1]))).toEqual({
      r1: 0.5,
      r5: 1,
      r10: 1,
      medianRank: 1.5,
    });
  });

  it('computes the median of an odd count numerically, not as strings', () => {
    // Sorted numerically: 1, 3, 7, 12, 100 -> 7 (a string sort would give 1, 100, 12, 3, 7 -> 12).
    expect(recallFromRanks(Int32Array.from([12, 7, 1, 100, 3])).medianRank).toBe(7);
    // 1, 5, 6, 10, 11: R@1 1/5, R@5 2/5, R@10 4/5, median 6.
    expect(recallFromRanks(Int32Array.from([11, 10, 6, 5, 1]))).toEqual({
      r1: 0.2,
      r5: 0.4,
      r10: 0.8,
      medianRank: 6,
    });
  });

  it('gives NaN for no queries', () => {
    const none = recallFromRanks(new Int32Array(0));
    expect(Object.values(none).every(Number.isNaN)).toBe(true);
  });
});
