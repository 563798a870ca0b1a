/**
 * A run's start-up in the worker, apart from the session's bookkeeping: the data it trains on, its
 * restore from saved weights (from scratch, from opened weights, or exactly where a run kept for a
 * reload or a crash stopped), and the RunInfo the page is told once it is built.
 */
import type { ExperimentConfig } from '../core/experiment/config';
import type { PairDataset } from '../core/data/pairs';
import type { ModelWeights } from '../core/export/modelFile';
import type { WordVectors } from '../core/text/glove';
import type { BackendDecision } from './backendInfo';
import type { ImportedData, RunInfo } from './protocol';
import { applyResume, type ResumeState } from './resumeState';
import { frozenTextInfo, gloveVectors, runDataset } from './runData';
import { evalSetInfo } from './snapshotData';
import type { Trainer } from './trainer';
import { applyWeights } from './weightsIo';

/** What a run trains on: its pairs, and the frozen GloVe vectors when its text encoder uses them. */
export interface RunData {
  dataset: PairDataset;
  resources: { wordVectors?: WordVectors };
}

/** Loads run `config`'s pairs (built-in ones from `baseUrl`, or the imported `data`) and its GloVe vectors. */
export async function loadRunData(
  config: ExperimentConfig,
  baseUrl: string,
  data: ImportedData | undefined,
): Promise<RunData> {
  const dataset = await runDataset(config, baseUrl, data);
  const wordVectors = config.textEncoder === 'glove' ? await gloveVectors(baseUrl) : undefined;
  return { dataset, resources: wordVectors ? { wordVectors } : {} };
}

/**
 * Loads saved weights into a freshly built trainer and moves its step counter on to theirs, so the
 * run's snapshots are at N + k. With resume state of the same step (a run kept for a reload, or before
 * a crash), Adam's state, the batch order and the randomness go on too. Returns whether training goes
 * on exactly as before (false: Adam starts afresh). Throws, before its first await, when the weights do
 * not fit the model.
 */
export function restoreWeights(
  trainer: Trainer,
  weights: ModelWeights,
  resume?: ResumeState,
): Promise<boolean> {
  applyWeights(trainer, weights);
  trainer.moveTo({ step: weights.step });
  // A resume state that does not fit leaves a fresh Adam rather than failing the run.
  if (resume?.position.step === weights.step) return applyResume(trainer, resume).catch(() => false);
  return Promise.resolve(false);
}

/** The probe's milliseconds per step on the chosen backend (20 when it was chosen without a probe). */
export function probedMsPerStep(decision: BackendDecision): number {
  return decision.candidates.find((c) => c.name === decision.backend)?.msPerStep ?? 20;
}

/** What the page is told of a built run: its backend and why, its size and data, and what was restored. */
export function describeRun(
  config: ExperimentConfig,
  decision: BackendDecision,
  trainer: Trainer,
  { dataset, resources }: RunData,
  restored?: RunInfo['restored'],
): RunInfo {
  const { wordVectors } = resources;
  return {
    config,
    backend: decision.backend,
    backendReason: decision.reason,
    backends: decision.candidates,
    parameters: trainer.parameterCount(),
    vocabularySize: trainer.vocab.words.length,
    datasetName: dataset.name,
    trainSize: dataset.train.size,
    evalSet: evalSetInfo(dataset),
    ...(wordVectors ? { frozenText: frozenTextInfo(wordVectors, trainer.vocab.words) } : {}),
    ...(restored ? { restored } : {}),
  };
}
