/**
 * What retrieval scores a model that ranks at random would get on an evaluation set, and whether the set
 * is large enough for a score to mean anything. On 6 evaluation pairs a random ranking puts the right
 * caption first one time in 6, so an R@1 of 1.000 there says little; on 512 pairs chance is 0.002.
 */

/** Fewer evaluation pairs than this and the app warns that the metrics are mostly noise. */
export const MIN_MEANINGFUL_EVAL_PAIRS = 50;

/**
 * Expected semantic Recall@K of a uniformly random ranking (see semanticRanks): for a query whose key is
 * shared by m of the n gallery items, the chance that one of them lands in the top K is
 * 1 − C(n−m, K) / C(n, K); averaged over the queries. keys[i]: the semantic key of evaluation pair i.
 * With every key distinct this is K / n.
 */
export function chanceRecall(keys: readonly string[], k: number): number {
  const n = keys.length;
  if (n === 0) return NaN;
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  let sum = 0;
  for (const key of keys) {
    const m = counts.get(key) as number;
    // C(n−m, K) / C(n, K) as a product of K ratios; zero once fewer than K wrong items are left.
    let miss = 1;
    for (let i = 0; i < k && miss > 0; i++) miss *= Math.max(0, n - m - i) / (n - i);
    sum += 1 - miss;
  }
  return sum / n;
}

/**
 * A plain warning when the evaluation set is too small for its numbers to mean much, saying what chance
 * is; null when it is large enough. keys: the evaluation pairs' semantic keys; remedy: what the user can
 * change, in words.
 */
export function smallEvaluationWarning(
  keys: readonly string[],
  remedy = 'a larger evaluation set',
): string | null {
  const n = keys.length;
  if (n >= MIN_MEANINGFUL_EVAL_PAIRS) return null;
  const r1 = chanceRecall(keys, 1);
  const r5 = chanceRecall(keys, 5);
  const pairs = `${n} evaluation pair${n === 1 ? '' : 's'}`;
  return (
    `Only ${pairs}: a model that ranks at random already scores R@1 ${r1.toFixed(2)} and R@5 ` +
    `${r5.toFixed(2)} here, and one pair moves R@1 by ${(1 / n).toFixed(2)}, so these numbers mean little. ` +
    `Evaluate on at least ${MIN_MEANINGFUL_EVAL_PAIRS} pairs: ${remedy}.`
  );
}
