/**
 * How often a large evaluation set is measured in full. Between full evaluations a set larger than the
 * sample is measured on EVAL_SAMPLE pairs (evalSample.ts); a full one embeds every evaluation pair and
 * scores retrieval over all of them, n² similarities: at 4,000 evaluation pairs (a 20,000-pair import)
 * about 10 s on 2 idle cores, against ~55 s for the 1,000 steps between two of them, so training
 * ran ~15% slower per step than on a small set and the shared space stood still for those seconds; at
 * 20,000 evaluation pairs (100,000 imported) a full evaluation takes minutes. So a full evaluation due
 * on the step schedule is made only when the previous one cost at most FULL_EVAL_SHARE of the training
 * time since; else it waits for the next mark. The run's target (and Step) are always measured in full.
 */

/** The largest share of training wall time that full evaluations of a large set take. */
export const FULL_EVAL_SHARE = 0.05;

export class FullEvalBudget {
  /** Wall time of the last full evaluation, ms (0 before the first: the first is always affordable). */
  private lastCostMs = 0;
  /** Training wall time since it, ms. */
  private trainedMs = 0;

  constructor(private readonly share = FULL_EVAL_SHARE) {}

  /** A chunk of training took `ms`. */
  trained(ms: number): void {
    this.trainedMs += ms;
  }

  /** Whether a full evaluation now keeps full evaluations within the share of the training time. */
  affordable(): boolean {
    return this.lastCostMs <= this.share * this.trainedMs;
  }

  /** A full evaluation took `ms`: the next one waits until training has taken `ms / share`. */
  measured(ms: number): void {
    this.lastCostMs = ms;
    this.trainedMs = 0;
  }
}
