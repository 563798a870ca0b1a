/**
 * One evaluation of a run, as the page receives it: the metrics (on the sample, or on every evaluation
 * pair when a full evaluation is due and affordable, see evalSample.ts and fullEvalBudget.ts), the
 * probes a framework view shows, a joint model's fused codes, and the shown pairs' codes, copied because
 * a snapshot's arrays are transferred away while the session keeps its own for search.
 */
import type { Inspection } from '../core/frameworks/framework';
import { isJointModel } from '../core/frameworks/joint';
import type { Modality } from '../core/data/modalities';
import { embedFused } from './embedSet';
import { EVAL_SAMPLE, evaluationLimit, headOf, shownPairs } from './evalSample';
import type { FullEvalBudget } from './fullEvalBudget';
import { inspectTrainer, PROBE_PAIRS, probePairs } from './inspection';
import type { RunId, Snapshot } from './protocol';
import { similarityBlock } from './snapshotData';
import type { Evaluation, Trainer } from './trainer';

/** What an evaluation measured, before it becomes a snapshot. */
export interface Measured {
  evaluation: Evaluation;
  /** Whether every evaluation pair was measured (search needs every pair), not just the sample. */
  complete: boolean;
  /** Pairs the shared space shows: the same ones at every step (the sample, on a large set). */
  shown: number;
  probes: Inspection | null;
  /** Joint models only: [shown, dim] codes of the fused pairs. */
  fused: Float32Array | null;
  /** Pairs whose similarities are shown as a block: the first 16 (fewer on a smaller set). */
  similaritySize: number;
  /** Whether the run has modalities beyond image and text, whose codes travel too. */
  moreModalities: boolean;
}

/**
 * Evaluates `trainer` at its step. `full`: measure every evaluation pair even on a set larger than the
 * sample. `budget()` is the run's budget of full evaluations, read when used (a new run gets its own).
 */
export async function measure(
  trainer: Trainer,
  full: boolean,
  budget: () => FullEvalBudget,
): Promise<Measured> {
  const set = trainer.evalData.set;
  const due = evaluationLimit(set.size, trainer.step, trainer.config.evalEvery, full);
  // A full evaluation due on the schedule waits for a later mark when the last one cost too much.
  const scheduled = due === undefined && !full && set.size > EVAL_SAMPLE;
  const limit = scheduled && !budget().affordable() ? EVAL_SAMPLE : due;
  const t0 = performance.now();
  const evaluation = await trainer.evaluate(limit);
  if (limit === undefined && set.size > EVAL_SAMPLE) budget().measured(performance.now() - t0);
  else if (limit !== undefined) budget().sampled(performance.now() - t0, limit, set.size);
  const shown = shownPairs(set.size);
  const probes = await inspectTrainer(trainer, {
    pairs: probePairs(set.heldOut, set.size, PROBE_PAIRS),
  });
  const model = trainer.model;
  const fused = isJointModel(model)
    ? await embedFused(model, headOf(trainer.evalData, shown), trainer.seqLength)
    : null;
  return {
    evaluation,
    complete: limit === undefined,
    shown,
    probes,
    fused,
    similaritySize: Math.min(16, set.size),
    moreModalities: trainer.config.modalities !== 'image,text',
  };
}

/** The snapshot of run `runId` for what was `measured`, with the training loss and speed at its step. */
export function snapshotOf(
  runId: RunId,
  measured: Measured,
  at: { loss: number; pairsPerSecond: number; scalars: Record<string, number> },
): Snapshot {
  const { evaluation, shown, probes, fused, similaritySize: k } = measured;
  return {
    runId,
    step: evaluation.step,
    loss: at.loss,
    dim: evaluation.dim,
    image: evaluation.image.slice(0, shown * evaluation.dim),
    text: evaluation.text.slice(0, shown * evaluation.dim),
    evaluated: evaluation.image.length / evaluation.dim,
    metrics: evaluation.metrics,
    extra: evaluation.extra,
    scalars: at.scalars,
    similarity: similarityBlock(evaluation.image, evaluation.text, evaluation.dim, k),
    similaritySize: k,
    pairsPerSecond: at.pairsPerSecond,
    ...(probes ? { probes } : {}),
    ...(fused ? { fused } : {}),
    ...(measured.moreModalities ? { codes: shownCodes(evaluation.codes, shown * evaluation.dim) } : {}),
  };
}

/**
 * The first `length` values of the codes of each modality beyond image and text (those two travel as
 * `image` and `text`), copied: the snapshot's arrays are transferred.
 */
function shownCodes(
  codes: Partial<Record<Modality, Float32Array>>,
  length: number,
): Partial<Record<Modality, Float32Array>> {
  const out: Partial<Record<Modality, Float32Array>> = {};
  for (const [m, c] of Object.entries(codes) as [Modality, Float32Array][])
    if (m !== 'image' && m !== 'text') out[m] = c.slice(0, length);
  return out;
}
