/**
 * How often a large evaluation set is measured in full. Between full evaluations a set larger than the
 * sample is measured on EVAL_SAMPLE pairs (evalSample.ts); a full one embeds every evaluation pair and
 * scores retrieval over all of them, n² similarities: at 4,000 evaluation pairs (a 20,000-pair import)
 * about 6 s of one core, against ~20 s for the 1,000 steps between two of them, so training ran a
 * quarter slower per step than on a small set and the shared space stood still for those seconds; at
 * 20,000 evaluation pairs (100,000 imported) a full evaluation takes minutes. So a full evaluation due on
 * the step schedule is made only when it costs at most FULL_EVAL_SHARE of the training time since the
 * last one (or since the run began); else it waits for a later mark. Its cost is the last full
 * evaluation's, or before the first, an estimate from the sample evaluations: without one, the first full
 * evaluation (at step 1,000) came as training got going, the seconds a class watches it most. The run's
 * target (and Step) are always measured in full.
 */

/** The largest share of training wall time that full evaluations of a large set take. */
export const FULL_EVAL_SHARE = 0.05;

/**
 * The cost of a full evaluation of `total` pairs, estimated from a sample evaluation of `sample` of them
 * that took `ms`: scaled by (total / sample)², since scoring retrieval compares every pair with every
 * other. The embedding part grows only linearly, so this errs on the high side (4,000 of 256 pairs:
 * 244× a sample's 37 ms is 9 s, against the 6 s measured), which only delays the first full evaluation.
 */
export function estimatedFullMs(ms: number, sample: number, total: number): number {
  return ms * (total / sample) ** 2;
}

export class FullEvalBudget {
  /** The next full evaluation's expected wall time, ms (0 while nothing is known: then it is affordable). */
  private costMs = 0;
  /** Whether costMs is a full evaluation's measured cost (else an estimate from a sample). */
  private measuredOnce = false;
  /** Training wall time since the last full evaluation (or the run's start), ms. */
  private trainedMs = 0;

  constructor(private readonly share = FULL_EVAL_SHARE) {}

  /** A chunk of training took `ms`. */
  trained(ms: number): void {
    this.trainedMs += ms;
  }

  /**
   * A sample evaluation of `sample` of the `total` evaluation pairs took `ms`. Until a full evaluation has
   * been measured, the latest sample sets the estimate of its cost (see estimatedFullMs).
   */
  sampled(ms: number, sample: number, total: number): void {
    if (!this.measuredOnce) this.costMs = estimatedFullMs(ms, sample, total);
  }

  /** Whether a full evaluation now keeps full evaluations within the share of the training time. */
  affordable(): boolean {
    return this.costMs <= this.share * this.trainedMs;
  }

  /** A full evaluation took `ms`: the next one waits until training has taken `ms / share`. */
  measured(ms: number): void {
    this.costMs = ms;
    this.measuredOnce = true;
    this.trainedMs = 0;
  }
}
