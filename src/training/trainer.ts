import { tf } from '../core/tf';
import { createRng, restoreRng, type Rng, type RngState } from '../core/random/rng';
import type { PairDataset } from '../core/data/pairs';
import { encodePairSet, gatherBatch, TensorBatch, type EncodedPairSet } from '../core/data/batch';
import { buildVocabulary, type Vocabulary } from '../core/text/vocabulary';
import { vocabularyVectors, type WordVectors } from '../core/text/glove';
import type { ExperimentConfig } from '../core/experiment/config';
import type { FrameworkModel } from '../core/frameworks/framework';
import type { FrameworkExtra } from '../core/frameworks/frameworkExtra';
import { frameworkOf } from '../core/frameworks/registry';
import { computeGapMetrics, type GapMetrics } from '../core/metrics/gapMetrics';
import { embedSet } from './embedSet';
import { headOf } from './evalSample';
import { FusedAdam } from '../core/gpu/fusedAdam';
import { configureGpuSubmits } from '../core/gpu/gpuFusion';
import {
  DEFAULT_MODALITIES,
  modalitiesOf,
  pairKey,
  type Modality,
  type PairKey,
} from '../core/data/modalities';
import { computeModalityMetrics } from '../core/metrics/pairMetrics';
import { hitKeysFor, soundAttributesOf } from '../core/metrics/hitKeys';

/** Longest token sequence (BOS + words + EOS) that recurrent encoders read; longer captions are cut. */
const MAX_SEQ_LENGTH = 24;

/** Result of a run of steps. */
export interface TrainChunk {
  /** Steps completed in total. */
  step: number;
  /** Mean loss over the steps of this chunk (NaN if it diverged). */
  loss: number;
  /** Learnt scalars at the end of the chunk (e.g. temperature). */
  scalars: Record<string, number>;
  /** Set when training stopped: why, in words a student can act on. */
  stopped?: string;
}

/** The evaluation set in the shared space, plus the gap metrics measured on it. */
export interface Evaluation {
  step: number;
  /** Width of the shared space. */
  dim: number;
  /** [n, dim] each, L2-normalised; row i of both comes from evaluation pair i. */
  image: Float32Array;
  text: Float32Array;
  /** Each of the run's modalities' codes, [n, dim] (image and text are the arrays above). */
  codes: Partial<Record<Modality, Float32Array>>;
  /**
   * Gap metrics of the run's first pair (image–text whenever both are present; i2t then reads a→b of
   * the pair); with other modalities than the default, of every pair too (`pairs`, `cones`).
   */
  metrics: GapMetrics;
  /** The framework's own measurements, tagged with its name (see FrameworkModel.evaluate). */
  extra: FrameworkExtra;
}

/**
 * Where a run stands besides its weights: with these (and Adam's state) a rebuilt trainer goes on
 * drawing the same batches and the same loss randomness as an uninterrupted one.
 */
export interface TrainerPosition {
  /** Optimizer steps taken in all. */
  step: number;
  /** The current epoch's shuffled order of training pairs, and how far into it the batches are. */
  order: Int32Array;
  cursor: number;
  batchRng: RngState;
  lossRng: RngState;
}

/**
 * Trains one experiment: builds the vocabulary and model, draws seeded batches, steps the optimizer and
 * evaluates. Framework-agnostic and free of DOM, so the same code runs in the runner and in the worker.
 *
 * Values are read back once per `train(n)` call (the mean loss), never per step, so GPU backends are
 * not stalled. If that read shows a non-finite loss, the weights (and the model's state, see
 * FrameworkModel.state) go back to the start of the chunk and training stops with a reason.
 */
export class Trainer {
  readonly vocab: Vocabulary;
  readonly seqLength: number;
  readonly trainData: EncodedPairSet;
  readonly evalData: EncodedPairSet;
  readonly model: FrameworkModel;
  private optimizer: tf.Optimizer;
  private batchRng: Rng;
  private lossRng: Rng;
  private order: Int32Array = new Int32Array(0);
  private cursor = 0;
  private stepCount = 0;
  private stopReason: string | undefined;

  constructor(
    readonly config: ExperimentConfig,
    readonly dataset: PairDataset,
    /** Frozen word vectors (loaded by the caller: fetched in the app, read from disk in the runner). */
    resources: { readonly wordVectors?: WordVectors } = {},
  ) {
    const framework = frameworkOf(config);
    const problem = framework.unsupported(config, tf.getBackend());
    if (problem) throw new Error(problem);
    if (dataset.train.size < 2) throw new Error('The training set needs at least 2 pairs.');
    if (dataset.eval.size < 2) throw new Error('The evaluation set needs at least 2 pairs.');
    if (modalitiesOf(config.modalities).includes('audio') && !(dataset.train.audio && dataset.eval.audio))
      throw new Error(
        `The modalities ${config.modalities} include sound, and the data ${dataset.name} has none: choose image,text, or data with sound.`,
      );
    const root = createRng(config.seed);
    const modelRng = root.fork();
    this.batchRng = root.fork();
    this.lossRng = root.fork();
    // A frozen encoder knows words it never trained on, so with GloVe the evaluation captions' words
    // join the vocabulary (their vectors are fixed; nothing about them is learnt from the eval set).
    const glove = config.textEncoder === 'glove';
    if (glove && !resources.wordVectors)
      throw new Error('The glove text encoder needs the GloVe word vectors.');
    this.vocab = buildVocabulary([
      ...dataset.train.captions.flat(),
      ...(glove ? dataset.eval.captions.flat() : []),
    ]);
    this.trainData = encodePairSet(dataset.train, this.vocab);
    this.evalData = encodePairSet(dataset.eval, this.vocab);
    // A loop, not Math.max(...all): 100,000 pairs' captions are more arguments than a call may take.
    let longest = 0;
    for (const caps of this.trainData.captionIds)
      for (const ids of caps) longest = Math.max(longest, ids.length);
    this.seqLength = Math.min(longest + 2, MAX_SEQ_LENGTH);
    this.model = framework.build({
      config,
      vocab: this.vocab,
      seqLength: this.seqLength,
      rng: modelRng,
      ...(dataset.schema ? { schema: dataset.schema } : {}),
      ...(glove && resources.wordVectors
        ? { frozenWordVectors: vocabularyVectors(this.vocab, resources.wordVectors) }
        : {}),
    });
    // tf.train.adam's arithmetic; on WebGPU its update runs as one dispatch per variable.
    this.optimizer = new FusedAdam(config.lr);
    configureGpuSubmits();
  }

  get step(): number {
    return this.stepCount;
  }

  /** Adam, whose moments a continued run carries over (resumeState.ts reads and writes them). */
  get adam(): tf.Optimizer {
    return this.optimizer;
  }

  /** Where the run stands besides its weights (copies: training on does not change it). */
  position(): TrainerPosition {
    return {
      step: this.stepCount,
      order: this.order.slice(),
      cursor: this.cursor,
      batchRng: this.batchRng.save(),
      lossRng: this.lossRng.save(),
    };
  }

  /**
   * Goes on from `position` (the weights are loaded apart): the step count, the batch order and the loss
   * randomness continue from there. With only `{ step }` (weights trained elsewhere for that many steps)
   * the count starts there and batches start afresh from the seed.
   */
  moveTo(position: TrainerPosition | { step: number }): void {
    if (!Number.isInteger(position.step) || position.step < 0)
      throw new RangeError(`Trainer.moveTo: step must be a whole number ≥ 0, got ${position.step}`);
    if ('order' in position) {
      const n = this.trainData.set.size;
      const { order, cursor } = position;
      // Before the first batch the order is still empty.
      const fits = order.length === n || order.length === 0;
      if (!fits || cursor < 0 || cursor > order.length || order.some((i) => i < 0 || i >= n))
        throw new Error(`The saved batch order covers ${position.order.length} pairs; this data has ${n}.`);
      const batchRng = restoreRng(position.batchRng);
      const lossRng = restoreRng(position.lossRng);
      this.order = position.order.slice();
      this.cursor = position.cursor;
      this.batchRng = batchRng;
      this.lossRng = lossRng;
    }
    this.stepCount = position.step;
  }

  /** Why training stopped, if it did. */
  get stopped(): string | undefined {
    return this.stopReason;
  }

  /** Number of trainable weights. */
  parameterCount(): number {
    return this.model.params.count();
  }

  /** The next batch of training pairs, walking seeded shuffles of the training set epoch by epoch. */
  nextBatch(): TensorBatch {
    const n = this.trainData.set.size;
    const b = Math.min(this.config.batchSize, n);
    const indices = new Int32Array(b);
    for (let r = 0; r < b; r++) {
      if (this.cursor >= this.order.length) {
        this.order = this.batchRng.shuffle(Int32Array.from({ length: n }, (_, i) => i));
        this.cursor = 0;
      }
      indices[r] = this.order[this.cursor++];
    }
    return new TensorBatch(
      gatherBatch(this.trainData, indices, this.batchRng),
      this.vocab.words.length,
      this.seqLength,
    );
  }

  /** Runs `steps` optimizer steps and reads the mean loss back once. */
  async train(steps: number): Promise<TrainChunk> {
    // Zero steps would divide 0 by 0 below and be reported as divergence.
    if (!Number.isInteger(steps) || steps < 1)
      throw new RangeError(`Trainer.train: steps must be a whole number ≥ 1, got ${steps}`);
    if (this.stopReason) return { step: this.stepCount, loss: NaN, scalars: {}, stopped: this.stopReason };
    const checkpoint = this.model.params.variables.map((v) => tf.clone(v));
    const state = this.model.state;
    const stateCheckpoint = state?.checkpoint();
    // The sum starts at the first loss, not at a zero scalar: no constant is uploaded per chunk.
    let lossSum: tf.Scalar | null = null;
    for (let s = 0; s < steps; s++) {
      const batch = this.nextBatch();
      const loss = this.optimizer.minimize(() => this.model.loss(batch, this.lossRng), true);
      if (!loss) throw new Error('optimizer.minimize returned no loss');
      state?.update(batch);
      if (lossSum) {
        const next: tf.Scalar = tf.add<tf.Scalar>(lossSum, loss);
        lossSum.dispose();
        loss.dispose();
        lossSum = next;
      } else lossSum = loss;
      this.stepCount++;
    }
    if (!lossSum) throw new Error('Trainer.train: no step ran');
    const scalarTensors = tf.tidy(() => this.model.scalars?.() ?? {});
    const [sum, ...scalarValues] = await Promise.all([
      lossSum.data(),
      ...Object.values(scalarTensors).map((t) => t.data()),
    ]);
    lossSum.dispose();
    const scalars = Object.fromEntries(
      Object.keys(scalarTensors).map((k, i) => [k, (scalarValues[i] as Float32Array)[0]]),
    );
    Object.values(scalarTensors).forEach((t) => t.dispose());
    const loss = sum[0] / steps;
    if (!Number.isFinite(loss)) {
      const failedAt = this.stepCount;
      this.stepCount -= steps;
      this.model.params.variables.forEach((v, i) => v.assign(checkpoint[i]));
      if (stateCheckpoint) state?.restore(stateCheckpoint);
      checkpoint.forEach((t) => t.dispose());
      tf.dispose(Object.values(stateCheckpoint?.tensors ?? {}));
      // Adam's moment estimates are poisoned too: start them afresh if the user resumes.
      this.optimizer.dispose();
      this.optimizer = new FusedAdam(this.config.lr);
      this.stopReason =
        `Training diverged: the loss became ${Number.isNaN(loss) ? 'NaN (not a number)' : 'infinite'} ` +
        `by step ${failedAt}. The weights were restored to step ${this.stepCount}. ` +
        `Try a lower learning rate (now ${this.config.lr}) or a higher temperature.`;
      return { step: this.stepCount, loss, scalars, stopped: this.stopReason };
    }
    checkpoint.forEach((t) => t.dispose());
    tf.dispose(Object.values(stateCheckpoint?.tensors ?? {}));
    return { step: this.stepCount, loss, scalars };
  }

  /** Lets a stopped run continue (with fresh optimizer state) after the user changed nothing but wants to go on. */
  clearStop(): void {
    this.stopReason = undefined;
  }

  /**
   * The training objective on a fixed probe batch (the first `batchSize` evaluation pairs), without
   * updating anything (neither weights nor the model's state): the loss before training starts, and a
   * check that does not depend on the batch order, so it may come before or after an evaluation.
   */
  async probeLoss(): Promise<number> {
    const n = Math.min(this.config.batchSize, this.evalData.set.size);
    const indices = Int32Array.from({ length: n }, (_, i) => i);
    const loss = tf.tidy(() =>
      this.model.loss(
        new TensorBatch(gatherBatch(this.evalData, indices), this.vocab.words.length, this.seqLength),
        createRng(0),
      ),
    );
    const value = (await loss.data())[0];
    loss.dispose();
    return value;
  }

  /**
   * Embeds the evaluation set and measures the gap; with `limit`, on its first `limit` pairs only (the
   * bounded sample a large set is measured on between full evaluations: see evalSample.ts).
   */
  async evaluate(limit?: number): Promise<Evaluation> {
    const evalData = limit === undefined ? this.evalData : headOf(this.evalData, limit);
    const { image, text, audio, dim } = await embedSet(this.model, evalData, this.seqLength);
    const set = evalData.set;
    const codes: Partial<Record<Modality, Float32Array>> = { image, text, ...(audio ? { audio } : {}) };
    const modalities = modalitiesOf(this.config.modalities);
    const sound = soundAttributesOf(this.dataset);
    const hits = (pair: PairKey) => hitKeysFor(pair, set, this.dataset.schema, sound);
    // The top-level fields describe the run's first pair: image–text whenever both are present (the
    // default run's metrics stay as they always were); with sound, every pair is measured as well.
    const [a, b] = modalities;
    const first = pairKey(a, b);
    const metrics: GapMetrics =
      first === 'image-text'
        ? computeGapMetrics(image, text, dim, set.keys, set.heldOut)
        : computeGapMetrics(codeOf(codes, a), codeOf(codes, b), dim, hits(first).keys, set.heldOut);
    if (this.config.modalities !== DEFAULT_MODALITIES)
      Object.assign(metrics, computeModalityMetrics(modalities, codes, dim, hits, set.heldOut));
    const extra = await this.model.evaluate({
      evalData,
      trainData: this.trainData,
      seqLength: this.seqLength,
      image,
      text,
      ...(audio ? { audio } : {}),
      dim,
      ...(this.dataset.schema ? { schema: this.dataset.schema } : {}),
    });
    return { step: this.stepCount, dim, image, text, codes, metrics, extra };
  }

  dispose(): void {
    this.model.dispose();
    this.optimizer.dispose();
  }
}

/** A modality's codes, which the model must have produced for a modality of the run. */
function codeOf(codes: Partial<Record<Modality, Float32Array>>, m: Modality): Float32Array {
  const c = codes[m];
  if (!c) throw new Error(`The model gave no ${m} codes, though the run's modalities include ${m}.`);
  return c;
}
