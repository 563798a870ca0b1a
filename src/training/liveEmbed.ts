/**
 * The worker's side of liveCodes.ts: embeds the pairs the shared space shows on the current weights. Kept
 * apart from liveCodes.ts because it needs TensorFlow.js, which the page must not load.
 */
import { isJointModel } from '../core/frameworks/joint';
import { embedFused, embedSet } from './embedSet';
import { headOf, shownPairs } from './evalSample';
import type { LiveCodes } from './liveCodes';
import type { RunId } from './protocol';
import type { Trainer } from './trainer';

/** The codes of the pairs the shared space shows, on the trainer's current weights. */
export async function embedShown(trainer: Trainer, runId: RunId): Promise<LiveCodes> {
  const { model, seqLength, step } = trainer;
  const shown = headOf(trainer.evalData, shownPairs(trainer.evalData.set.size));
  const { image, text, audio, dim } = await embedSet(model, shown, seqLength);
  const fused = isJointModel(model) ? await embedFused(model, shown, seqLength) : null;
  return {
    runId,
    step,
    dim,
    image,
    text,
    // As in a snapshot: the modalities besides image and text, when the run has others.
    ...(trainer.config.modalities !== 'image,text' ? { codes: audio ? { audio } : {} } : {}),
    ...(fused ? { fused } : {}),
  };
}
