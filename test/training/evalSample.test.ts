import { describe, expect, it } from 'vitest';
import {
  EVAL_SAMPLE,
  FULL_EVAL_EVERY_STEPS,
  evaluationLimit,
  headOf,
  shownPairs,
} from '../../src/training/evalSample';
import type { EncodedPairSet } from '../../src/core/data/batch';
import type { PairSet } from '../../src/core/data/pairs';
import type { Vocabulary } from '../../src/core/text/vocabulary';

describe('evaluationLimit', () => {
  it('measures a set no larger than the sample in full, always', () => {
    expect(evaluationLimit(EVAL_SAMPLE, 25, 25, false)).toBeUndefined();
    expect(evaluationLimit(200, 0, 25, false)).toBeUndefined();
  });

  it('measures a large set on the sample, in full when asked and at the first evaluation past each 1,000 steps', () => {
    expect(FULL_EVAL_EVERY_STEPS).toBe(1000);
    expect(evaluationLimit(4000, 0, 25, false)).toBe(EVAL_SAMPLE);
    expect(evaluationLimit(4000, 975, 25, false)).toBe(EVAL_SAMPLE);
    expect(evaluationLimit(4000, 1000, 25, false)).toBeUndefined();
    expect(evaluationLimit(4000, 1025, 25, false)).toBe(EVAL_SAMPLE);
    // Every 30 steps: 990 is before the mark, 1020 the first past it, 1050 no longer.
    expect(evaluationLimit(4000, 990, 30, false)).toBe(EVAL_SAMPLE);
    expect(evaluationLimit(4000, 1020, 30, false)).toBeUndefined();
    expect(evaluationLimit(4000, 1050, 30, false)).toBe(EVAL_SAMPLE);
    expect(evaluationLimit(4000, 37, 25, true)).toBeUndefined();
  });

  it('shows the sample, or every pair of a smaller set', () => {
    expect(shownPairs(4000)).toBe(EVAL_SAMPLE);
    expect(shownPairs(100)).toBe(100);
  });
});

describe('headOf', () => {
  // 4 pairs; images 2 values wide, attributes 3 wide, to check each column is cut by its own width.
  const set = {
    size: 4,
    images: Float32Array.from([0, 1, 10, 11, 20, 21, 30, 31]),
    captions: [['a'], ['b'], ['c'], ['d']],
    keys: ['ka', 'kb', 'kc', 'kd'],
    attributes: Int32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
    heldOut: Uint8Array.from([0, 1, 0, 1]),
  } as unknown as PairSet;
  const data: EncodedPairSet = {
    set,
    vocab: {} as Vocabulary,
    captionIds: [[Int32Array.of(1)], [Int32Array.of(2)], [Int32Array.of(3)], [Int32Array.of(4)]],
  };

  it('keeps the first n rows of every column, as views', () => {
    const head = headOf(data, 2);
    expect(head.set.size).toBe(2);
    expect([...head.set.images]).toEqual([0, 1, 10, 11]);
    expect(head.set.images.buffer).toBe(set.images.buffer);
    expect([...(head.set.attributes ?? [])]).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...(head.set.heldOut ?? [])]).toEqual([0, 1]);
    expect(head.set.captions).toEqual([['a'], ['b']]);
    expect(head.set.keys).toEqual(['ka', 'kb']);
    expect(head.captionIds).toHaveLength(2);
    expect(head.vocab).toBe(data.vocab);
  });

  it('returns the set itself when n covers it', () => {
    expect(headOf(data, 4)).toBe(data);
  });
});
