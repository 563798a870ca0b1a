/**
 * Evaluating a large set on a bounded sample. Each evaluation embeds every evaluation pair and scores
 * retrieval over all of them (n² similarities), so on a 20,000-pair import (4,000 evaluation pairs) it
 * cost more than the 25 training steps between evaluations, and its layout of 8,000 points took the
 * projection worker a minute. Between full evaluations the session therefore measures the first
 * EVAL_SAMPLE evaluation pairs, a fair sample because imported evaluation rows come in seeded random
 * order (see toDataset), and the shared space always shows those pairs, so its points stay the same
 * from layout to layout. At most every FULL_EVAL_EVERY_STEPS (when a full evaluation's cost, measured or
 * estimated from the sample's, fits its share of the training time: see fullEvalBudget.ts) and at the
 * run's target, all of them are measured, and the screen says which the metrics shown are.
 */
import type { EncodedPairSet } from '../core/data/batch';
import type { PairSet } from '../core/data/pairs';

/** Evaluation pairs measured between full evaluations (the emoji set's 512 and a 1,000-pair import's 200 are of this order). */
export const EVAL_SAMPLE = 256;
/** Steps between full evaluations of a set larger than the sample. */
export const FULL_EVAL_EVERY_STEPS = 1000;

/**
 * How many evaluation pairs the evaluation at `step` measures: all of them (undefined) when the set is
 * no larger than the sample, when `full` is asked for, and for the first evaluation at or past each
 * multiple of FULL_EVAL_EVERY_STEPS (evaluations come every `evalEvery` steps); else the sample.
 */
export function evaluationLimit(
  size: number,
  step: number,
  evalEvery: number,
  full: boolean,
): number | undefined {
  const crossed =
    step > 0 &&
    Math.floor(step / FULL_EVAL_EVERY_STEPS) > Math.floor((step - evalEvery) / FULL_EVAL_EVERY_STEPS);
  if (size <= EVAL_SAMPLE || full || crossed) return undefined;
  return EVAL_SAMPLE;
}

/** Pairs the shared space shows: the sample (or all, for a smaller set). */
export function shownPairs(size: number): number {
  return Math.min(size, EVAL_SAMPLE);
}

type Column = Float32Array | Int32Array | Uint8Array;

/**
 * The first n pairs of an encoded set, as views (no copies). Every typed-array column is cut at n rows
 * whatever its width, and every per-pair list at n items, so columns added to PairSet later come along.
 */
export function headOf(data: EncodedPairSet, n: number): EncodedPairSet {
  const { set } = data;
  if (n >= set.size) return data;
  const head: Record<string, unknown> = { ...set, size: n };
  for (const [key, value] of Object.entries(set)) {
    if (ArrayBuffer.isView(value)) {
      const column = value as Column;
      head[key] = column.subarray(0, (column.length / set.size) * n);
    } else if (Array.isArray(value) && value.length === set.size) head[key] = value.slice(0, n);
  }
  return { ...data, set: head as unknown as PairSet, captionIds: data.captionIds.slice(0, n) };
}
