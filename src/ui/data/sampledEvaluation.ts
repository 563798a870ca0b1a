import { EVAL_SAMPLE, FULL_EVAL_EVERY_STEPS } from '../../training/evalSample';
import { FULL_EVAL_SHARE } from '../../training/fullEvalBudget';

const count = (n: number) => n.toLocaleString('en-US');

/**
 * The line that says which evaluation pairs the metrics shown were measured on, for a set larger than
 * the sample (null otherwise): `evaluated` of the set's `total` pairs at `step`.
 */
export function sampledEvaluationNote(evaluated: number, total: number, step: number): string | null {
  if (total <= EVAL_SAMPLE) return null;
  // Full evaluations wait while they would take more than their share of the time (fullEvalBudget.ts).
  const share = `${Math.round(FULL_EVAL_SHARE * 100)}%`;
  const schedule = `at the end of the run and at most every ${count(FULL_EVAL_EVERY_STEPS)} steps, when that takes under ${share} of the training time`;
  return evaluated < total
    ? `Metrics at step ${count(step)} are from a seeded sample of ${count(evaluated)} of the ${count(total)} ` +
        `evaluation pairs, so training keeps its pace; all ${count(total)} are measured ${schedule}. ` +
        `The shared space shows the sample.`
    : `Metrics at step ${count(step)} are from all ${count(total)} evaluation pairs (measured ${schedule}; ` +
        `a sample of ${count(EVAL_SAMPLE)} in between). The shared space shows the sample.`;
}
