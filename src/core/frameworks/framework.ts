import type { tf } from '../tf';
import type { Rng } from '../random/rng';
import type { TensorBatch } from '../data/batch';
import type { AttributeSchema } from '../data/pairs';
import type { Vocabulary } from '../text/vocabulary';
import type { VocabularyVectors } from '../text/glove';
import type { ExperimentConfig } from '../experiment/config';
import type { ParamStore } from '../models/params';
import type { EncodedPairSet } from '../data/batch';
import type { FrameworkExtra } from './frameworkExtra';

/** What a framework's model may depend on besides the config. */
export interface BuildContext {
  readonly config: ExperimentConfig;
  readonly vocab: Vocabulary;
  /** Token sequence length L for recurrent encoders and decoders. */
  readonly seqLength: number;
  readonly schema?: AttributeSchema;
  /** Randomness for weight initialisation. */
  readonly rng: Rng;
  /** Frozen word vectors lined up with `vocab`; set by the trainer when the text encoder is 'glove'. */
  readonly frozenWordVectors?: VocabularyVectors;
}

/** What a framework's own evaluation can read. */
export interface EvalContext {
  readonly evalData: EncodedPairSet;
  readonly trainData: EncodedPairSet;
  readonly seqLength: number;
  readonly schema?: AttributeSchema;
  /** The evaluation set's image-only and text-only codes, [n, dim] each, as the gap metrics saw them. */
  readonly image: Float32Array;
  readonly text: Float32Array;
  /** The sound-only codes, [n, dim], when the run's modalities include audio. */
  readonly audio?: Float32Array;
  readonly dim: number;
}

/** What a view asks to see of the model on its current weights (see FrameworkModel.inspect). */
export interface InspectRequest {
  /** Evaluation pairs to show, by index into the evaluation set. */
  readonly pairs: readonly number[];
  /** Captions a user typed, for frameworks that generate from text. */
  readonly captions?: readonly string[];
}

/** What a framework's inspection can read besides the request. */
export interface InspectContext extends InspectRequest {
  readonly evalData: EncodedPairSet;
  readonly seqLength: number;
  readonly schema?: AttributeSchema;
}

/** A framework's view of a few inputs; `kind` names the framework so a page knows how to read the rest. */
export interface Inspection {
  readonly kind: string;
}

/**
 * Image-only and text-only codes in the shared space, and sound-only codes when the run's modalities
 * include audio. Each [b, d], rows L2-normalised.
 */
export interface SharedCodes {
  image: tf.Tensor2D;
  text: tf.Tensor2D;
  audio?: tf.Tensor2D;
}

/**
 * A model of one of the survey's frameworks, as the trainer drives it. Every framework, however it
 * learns, can place an image alone and a caption alone in a common space: that is where the gap is
 * measured, so all frameworks share the same charts.
 */
export interface FrameworkModel {
  readonly params: ParamStore;
  /**
   * Training objective of one batch; runs inside optimizer.minimize. `rng` drives dropout-like choices.
   * Changes nothing in the model: a loss may be computed only to report it (the trainer's probe), and
   * what a training step changes besides the weights is `state`'s, through its `update`.
   */
  loss(batch: TensorBatch, rng: Rng): tf.Scalar;
  /** What the model learns besides its trainable weights, if anything (see ModelState). */
  readonly state?: ModelState;
  /** Codes of the batch's images and captions, each without the other modality. */
  embed(batch: TensorBatch): SharedCodes;
  /**
   * Framework-specific measurements on the evaluation set (attribute accuracy, canonical correlations,
   * BLEU, ...): plain JSON-able values tagged with the framework's name, kept beside the common gap
   * metrics in every evaluation. A framework with nothing of its own returns just its tag.
   */
  evaluate(ctx: EvalContext): Promise<FrameworkExtra>;
  /**
   * What the model makes of a few inputs on its current weights (reconstructions, generated captions and
   * images), for the app's views: plain JSON-able values and typed arrays, which belong to the caller (a
   * worker transfers them). Leaves no tensors behind.
   */
  inspect?(ctx: InspectContext): Promise<Inspection>;
  /** Named scalars to chart beside the loss (e.g. a learnt temperature). Called inside tf.tidy. */
  scalars?(): Record<string, tf.Scalar>;
  dispose(): void;
}

/**
 * A copy of a model's state. `tensors` (by name, e.g. 'phi/image') belong to the snapshot: dispose them
 * when done. `host` holds what a checkpoint keeps but a file does not (read-only; absent from a file).
 */
export interface StateSnapshot {
  readonly tensors: Readonly<Record<string, tf.Tensor>>;
  readonly host?: unknown;
}

/**
 * State a model keeps besides its trainable weights (running statistics, a readout fitted on recent
 * training pairs), explicit so that it moves with the weights: only a training step changes it, a
 * checkpoint and a rollback after divergence take it along, and a saved model file holds it.
 */
export interface ModelState {
  /**
   * Moves the state past the optimizer step that just trained on `batch` (the trainer calls it after
   * each step; the step's loss was the latest `loss` computed, on the weights before the step).
   */
  update(batch: TensorBatch): void;
  /** The state as it is, cheap enough to take before every chunk of steps (for a rollback). */
  checkpoint(): StateSnapshot;
  /** What a saved model needs of the state on its current weights, as named tensors the caller disposes. */
  save(): Record<string, tf.Tensor>;
  /**
   * Replaces the state by a copy of `snapshot` (a checkpoint, or `{ tensors }` read from a file, which
   * are `{}` for a file saved without state: the state starts afresh). Throws a readable Error, changing
   * nothing, when the tensors do not fit the model.
   */
  restore(snapshot: StateSnapshot): void;
}

/** A framework: how to build its model, and which backends can train it. */
export interface FrameworkDefinition {
  readonly name: ExperimentConfig['framework'];
  /** A phrase naming it in the survey's terms. */
  readonly title: string;
  build(ctx: BuildContext): FrameworkModel;
  /** Why `config` cannot train on `backend`, or null when it can. */
  unsupported(config: ExperimentConfig, backend: string): string | null;
}
