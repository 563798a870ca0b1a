/**
 * Messages between the page and the training worker: discriminated unions, typed both ways. Embeddings
 * and images travel as typed arrays in the transfer list (moved, not copied).
 */
import type { ExperimentConfig } from '../core/experiment/config';
import type { GapMetrics } from '../core/metrics/gapMetrics';
import type { AttributeSchema } from '../core/data/pairs';
import type { Modality } from '../core/data/modalities';
import type { BackendAvailability, BackendChoice, BackendName } from './backendInfo';
import type { ModelWeights } from '../core/export/modelFile';
import type { InspectRequest, Inspection } from '../core/frameworks/framework';
import type { FrameworkExtra } from '../core/frameworks/frameworkExtra';
import type { ResumeState } from './resumeState';
import { typedArrayBuffers } from './inspection';
import { liveBuffers, type LiveCodesMessage } from './liveCodes';

/** A user's imported pairs as the worker needs them; sent with each init that trains on them. */
export interface ImportedData {
  /** The stored dataset's id (what links and saved models refer to). */
  id: string;
  name: string;
  size: number;
  /**
   * [size, 32, 32, 3] RGB bytes; or packed in a Blob (see import/packedPairs.ts), as the page holds an
   * import of its own: stored and sent by reference, unpacked by the worker.
   */
  images: Uint8Array | Blob;
  /** Each image's captions; or their JSON in a Blob. */
  captions: string[][] | Blob;
  /** Each image's path in the import: its identity, and the split's sort order; or their JSON in a Blob. */
  paths: string[] | Blob;
  /** Each image's sound, 16 kHz mono 16-bit (null where none), when the import had sound. */
  sounds?: (Int16Array | null)[];
}

/** What the frozen GloVe encoder knows of this run's words, and the lesson's measured cosines. */
export interface FrozenTextInfo {
  /** Vocabulary words (special tokens aside) that GloVe has a vector for, of `total`. */
  known: number;
  total: number;
  cosines: { a: string; b: string; cosine: number }[];
}

/** A run's identity: unique per page load, increasing. Every message about a run carries it. */
export type RunId = number;

/** Page -> worker. */
export type WorkerRequest =
  /** Build the dataset and model for `config` on `backend` (replaces any current run). */
  | {
      type: 'init';
      runId: RunId;
      config: ExperimentConfig;
      /** Steps the run trains to, then posts 'finished' (0: the step-0 evaluation only). */
      targetSteps: number;
      /** Start training right after the step-0 evaluation (a queued run), instead of waiting for 'play'. */
      play?: boolean;
      backend: BackendChoice;
      /** The page's base URL: built-in data files are fetched relative to it. */
      baseUrl: string;
      /** The pairs to train on when config.dataset is 'imported'. */
      data?: ImportedData;
      /**
       * Trained weights to start from instead of a fresh initialisation (must fit the config); the step
       * counter starts at their step.
       */
      weights?: ModelWeights;
      /** With `weights` of a run continued after a reload: its batch order, random streams and Adam's state. */
      resume?: ResumeState;
      /**
       * The run's mean training loss at the weights' step, when known (a run continued after a reload):
       * its first evaluation reports it, so the loss curve goes on, instead of a loss on a probe batch.
       */
      loss?: number;
    }
  /** The current weights with their config and vocabulary (and, asked for, the resume state), answered by 'weights'. */
  | { type: 'exportWeights'; id: number; resume?: boolean }
  /** Trains on to the target steps (a finished run answers 'finished' again). */
  | { type: 'play' }
  /** Moves a run's target `steps` past its current step and trains on (a finished run goes on). */
  | { type: 'continue'; runId: RunId; steps: number }
  | { type: 'pause' }
  /** One optimizer step, then an evaluation. */
  | { type: 'step' }
  /** Captions -> top images of the evaluation set, on the current weights. */
  | { type: 'searchText'; id: number; text: string; k: number }
  /** One evaluation image -> its top captions. */
  | { type: 'searchImage'; id: number; index: number; k: number }
  /** What the model makes of some evaluation pairs and typed captions on the current weights. */
  | { type: 'inspect'; id: number; request: InspectRequest };

/** The evaluation set as the page shows it (hover thumbnails, captions). Sent once per init. */
export interface EvalSetInfo {
  size: number;
  /** [size, 32, 32, 3] RGB bytes. */
  images: Uint8Array;
  /** The caption each evaluation pair is scored with. */
  captions: string[];
  keys: string[];
  /** 1 where the pair's combination was held out of training. */
  heldOut: Uint8Array;
  schema?: AttributeSchema;
  /** [size, nAttributes] attribute indices, when known. */
  attributes?: Int32Array;
  /**
   * Imported pairs: [size] the row of the import (ImportedData's columns) each evaluation pair came from,
   * so the page finds an item's own sound in the data it already holds (the split is seeded and shuffled).
   */
  sourceRows?: Int32Array;
}

export interface RunInfo {
  config: ExperimentConfig;
  backend: BackendName;
  /** Why this backend (chosen automatically or by the user). */
  backendReason: string;
  backends: BackendAvailability[];
  parameters: number;
  vocabularySize: number;
  datasetName: string;
  trainSize: number;
  evalSet: EvalSetInfo;
  /** Set when the text encoder is the frozen GloVe one. */
  frozenText?: FrozenTextInfo;
  /**
   * Set when the run started from saved weights: how long they had been trained, and whether training
   * goes on exactly as before (Adam's state, batch order and randomness restored too).
   */
  restored?: { step: number; continued: boolean };
}

/** One evaluation of the run: the shared space and its metrics. */
export interface Snapshot {
  /** The run this evaluation belongs to. */
  runId: RunId;
  step: number;
  /** Mean training loss since the previous snapshot (at step 0, the loss before training). */
  loss: number;
  dim: number;
  /**
   * [n, dim] image-only and text-only codes of the evaluation set, L2-normalised; on a set larger than
   * the sample (see evalSample.ts), of its first EVAL_SAMPLE pairs only, at every step.
   */
  image: Float32Array;
  text: Float32Array;
  /**
   * With modalities other than image and text: each modality's [n, dim] codes (the same n pairs), one
   * cloud each in the shared space. Absent on a default run (image and text above say it all).
   */
  codes?: Partial<Record<Modality, Float32Array>>;
  /** Evaluation pairs the metrics were measured on: the sample, or all of them at a full evaluation. */
  evaluated?: number;
  metrics: GapMetrics;
  /** Framework-specific measurements, tagged with the framework (see FrameworkModel.evaluate). */
  extra: FrameworkExtra;
  /** Learnt scalars such as the temperature. */
  scalars: Record<string, number>;
  /** [k, k] cosine similarities of the first k evaluation images (rows) and captions (columns). */
  similarity: Float32Array;
  similaritySize: number;
  /** Pairs trained per second, steps × batch over the wall time of playing (evaluations included). */
  pairsPerSecond: number;
  /**
   * The model's inspection of a fixed probe set of evaluation pairs at this step (generations,
   * reconstructions), for views over training time; absent when the framework has no inspect().
   */
  probes?: Inspection;
  /** Joint framework: [n, dim] codes of the full pairs (both modalities fused), L2-normalised. */
  fused?: Float32Array;
}

export interface SearchHit {
  index: number;
  score: number;
}

/** Worker -> page. Messages about a run carry its id, so a late one of a replaced run is recognised. */
export type WorkerResponse =
  | { type: 'ready'; runId: RunId; info: RunInfo }
  | { type: 'snapshot'; runId: RunId; snapshot: Snapshot }
  /** Between snapshots: the step counter and the latest mean loss, cheap and frequent. */
  | {
      type: 'progress';
      runId: RunId;
      step: number;
      loss: number;
      pairsPerSecond: number;
      /** The wall time (ms) pairsPerSecond was measured over, so the page can age it (see liveRate). */
      rateSpanMs?: number;
    }
  /** Between snapshots while training: the shown pairs' codes alone, for the shared space (liveCodes.ts). */
  | LiveCodesMessage
  | { type: 'running'; runId: RunId; running: boolean }
  /** Training stopped by itself (divergence), with the reason. The weights are the last good ones. */
  | { type: 'stopped'; runId: RunId; reason: string }
  /** Training reached the run's target steps and paused; the last snapshot is of step `step`. */
  | { type: 'finished'; runId: RunId; step: number }
  | { type: 'searchResult'; id: number; hits: SearchHit[]; unknownWords: string[] }
  /** The answer to 'inspect' at training step `step`: null (with a reason) when there is nothing to show. */
  | { type: 'inspection'; id: number; step: number; inspection: Inspection | null; message?: string }
  /** The answer to 'exportWeights': null (with a reason) when there is no model yet. */
  | { type: 'weights'; id: number; weights: ModelWeights | null; resume?: ResumeState; message?: string }
  /** Something failed: about run `runId` when set (its init or training), else the worker as a whole. */
  | { type: 'error'; runId?: RunId; message: string; fault?: WorkerFault };

/**
 * A failure that is not the run's own, which the page recovers from with a new worker going on from the
 * run's last kept state: 'crash', the worker itself failed (an uncaught error) or stopped answering;
 * 'backend', the backend's device was lost (a WebGPU device, a WebGL context) or ran out of memory, so the
 * new worker trains on another backend.
 */
export type WorkerFault = 'crash' | 'backend';

/** The typed arrays inside a message, for the transfer list. */
export function transferablesOf(message: WorkerResponse): Transferable[] {
  if (message.type === 'snapshot') {
    const s = message.snapshot;
    return [
      s.image.buffer,
      s.text.buffer,
      s.similarity.buffer,
      ...(s.fused ? [s.fused.buffer] : []),
      ...Object.values(s.codes ?? {}).map((c) => c.buffer),
      ...typedArrayBuffers(s.probes),
    ] as Transferable[];
  }
  if (message.type === 'codes') return liveBuffers(message.live);
  if (message.type === 'ready') {
    const e = message.info.evalSet;
    return [
      e.images.buffer,
      e.heldOut.buffer,
      ...(e.attributes ? [e.attributes.buffer] : []),
      ...(e.sourceRows ? [e.sourceRows.buffer] : []),
    ] as Transferable[];
  }
  if (message.type === 'weights' && message.weights)
    return [message.weights.data, ...(message.resume ? [message.resume.optimizer.data] : [])];
  if (message.type === 'inspection') return typedArrayBuffers(message.inspection);
  return [];
}
