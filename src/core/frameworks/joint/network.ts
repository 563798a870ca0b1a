import { tf } from '../../tf';
import type { Rng } from '../../random/rng';
import type { TensorBatch } from '../../data/batch';
import type { AttributeSchema } from '../../data/pairs';
import { IMAGE_CHANNELS, IMAGE_SIZE } from '../../data/pairs';
import type { ExperimentConfig } from '../../experiment/config';
import { ParamStore } from '../../models/params';
import { createDense, type Dense } from '../../models/dense';
import { matMul } from '../../models/matMul';
import { createImageEncoder } from '../../models/imageEncoders';
import { createTextEncoder } from '../../models/textEncoders';
import type { Fusion } from '../../fusion/fusion';
import type { FusionName } from '../../fusion/fusionNames';
import { presenceMask } from '../../fusion/fusion';
import { createFusion } from '../../fusion/createFusion';
import { createLayerNorm } from './layerNorm';
import { createAudioEncoder } from '../../models/audioEncoders';
import { modalitiesOf, type Modality } from '../../data/modalities';
import type { Encoder } from '../../models/encoder';

/**
 * Where the run's first pair sits among the fusion's inputs: the fusion receives the run's modalities
 * in canonical order, so its first two inputs are image and text, image and sound, or text and sound.
 * The evaluation's conditions ('both', 'imageOnly', 'textOnly') are this pair, its first modality
 * alone and its second alone (image and caption whenever the run has both).
 */
export const FIRST = 0;
export const SECOND = 1;

/** Images are reconstructed at half resolution: 16 × 16 × 3 = 768 values (see downsampleFlat). */
export const RECON_FACTOR = 2;
export const RECON_LENGTH = (IMAGE_SIZE / RECON_FACTOR) ** 2 * IMAGE_CHANNELS;
/** Hidden width of the image decoders. */
const DECODER_HIDDEN = 128;

/** Which parts a joint model needs, from its config (an unused head or decoder would be dead weight). */
export interface JointParts {
  /** Attribute heads: the supervised objective is on and the data has attributes. */
  heads: boolean;
  /** Decoders from the joint code: the autoencoder objective is on. */
  decoders: boolean;
  /** Decoders from each modality's own vector: the per-modality reconstruction weight is positive. */
  unimodalDecoders: boolean;
}

/** An image decoder (code -> dense relu -> dense, [b, RECON_LENGTH]) and a caption decoder (-> [b, V] logits). */
export interface Decoders {
  image(code: tf.Tensor2D): tf.Tensor2D;
  text(code: tf.Tensor2D): tf.Tensor2D;
}

/**
 * The network of joint representation: an encoder per modality of the run (any two of image, text and
 * sound, or all three), a projection per modality to its modality vector v_m = LayerNorm(P_m h_m + c_m) ([b, modalityDim]), the fusion operator to the joint code
 * ([b, dim]), and what reads the code: attribute heads and decoders.
 *
 * Why layer normalisation rather than a tanh on v_m: in the first Adam steps the MLP image encoder's
 * hidden units shift together by several units per step (every near-black background pixel pushes the
 * same way), a tanh after them saturates within ten steps and the image vector freezes at a constant.
 * Normalising each row keeps v_m's scale fixed whatever the encoder's drift.
 */
export interface JointNetwork {
  readonly params: ParamStore;
  /** The modalities the fusion operator receives, in its order: the run's, canonical (image, text, audio). */
  readonly modalities: readonly Modality[];
  /** Index of modality `m` among the fusion's inputs, or −1 when the run does not have it. */
  indexOf(m: Modality): number;
  readonly fusion: Fusion;
  /** Weights of the fusion operator alone. */
  readonly fusionParameters: number;
  /** Values per attribute (from the schema) when the heads exist, else null. */
  readonly attributeSizes: readonly number[] | null;
  /** The heads' weights [dim, Σ K_a] and bias [Σ K_a], for readers that score codes off the device. */
  readonly headWeights: { w: tf.Variable; b: tf.Variable } | null;
  readonly decoders: Decoders | null;
  /** Decoders of each modality from its own vector (input width modalityDim). */
  readonly unimodalDecoders: Decoders | null;
  /** [b, modalityDim] per modality, in `modalities` order. */
  vectors(batch: TensorBatch): tf.Tensor2D[];
  /** Modality m's vector alone ([b, modalityDim]); the other encoders do not run. */
  vector(m: number, batch: TensorBatch): tf.Tensor2D;
  /** The joint code of rows that have only the modalities in `kept`; the others are not even encoded. */
  codeOf(batch: TensorBatch, kept: readonly number[]): tf.Tensor2D;
  /** The joint code from modality vectors and a presence mask [b, M] (omitted: all present). */
  fuse(vectors: readonly tf.Tensor2D[], present?: tf.Tensor2D): tf.Tensor2D;
  /** code: [b, dim]. Returns [b, Σ K_a] logits (throws when there are no heads). */
  attributeLogits(code: tf.Tensor2D): tf.Tensor2D;
}

export function buildJointNetwork(
  config: ExperimentConfig,
  vocabSize: number,
  schema: AttributeSchema | undefined,
  parts: JointParts,
  rng: Rng,
): JointNetwork {
  const params = new ParamStore();
  const d = config.modalityDim;
  const modalities = modalitiesOf(config.modalities);
  const has = (m: Modality) => modalities.includes(m);
  // Only the run's modalities get an encoder. Encoders first, then projections and norms, in the order
  // image, text, audio: a run of image and text (with or without sound) draws its weights as before.
  const encoders: Encoder[] = [
    ...(has('image') ? [createImageEncoder(config.imageEncoder, params, config.imageHidden, rng)] : []),
    ...(has('text')
      ? [createTextEncoder(config.textEncoder, params, vocabSize, config.textHidden, rng)]
      : []),
  ];
  const projections: Dense[] = encoders.map((e, m) =>
    createDense(params, `joint/${modalities[m]}/proj`, e.outDim, d, rng),
  );
  const norms = encoders.map((_, m) =>
    createLayerNorm(params, `joint/${modalities[m]}/norm`, d, initialGain(config.fusion, d)),
  );
  // Sound joins last: built only when the run has it, so a run without draws as before sound existed.
  if (has('audio')) {
    const audio = createAudioEncoder(config.audioEncoder, params, config.audioHidden, rng);
    encoders.push(audio);
    projections.push(createDense(params, 'joint/audio/proj', audio.outDim, d, rng));
    norms.push(createLayerNorm(params, 'joint/audio/norm', d, initialGain(config.fusion, d)));
  }
  const before = params.count();
  const fusion = createFusion(
    config.fusion,
    params,
    { inDims: modalities.map(() => d), outDim: config.dim, rank: config.fusionRank, activation: 'tanh' },
    rng,
  );
  const fusionParameters = params.count() - before;

  const attributeSizes = parts.heads && schema ? schema.values.map((v) => v.length) : null;
  const headWeights = attributeSizes
    ? {
        w: params.glorot('joint/heads/w', [config.dim, sum(attributeSizes)], rng),
        b: params.zeros('joint/heads/b', [sum(attributeSizes)]),
      }
    : null;
  const decoders = parts.decoders ? createDecoders(params, 'joint/decode', config.dim, vocabSize, rng) : null;
  const unimodalDecoders = parts.unimodalDecoders
    ? createDecoders(params, 'joint/unimodal', d, vocabSize, rng)
    : null;

  const vectorOf = (m: number, batch: TensorBatch): tf.Tensor2D =>
    norms[m].apply(projections[m].apply(encoders[m].apply(batch)));

  return {
    params,
    modalities,
    indexOf: (m) => modalities.indexOf(m),
    fusion,
    fusionParameters,
    attributeSizes,
    headWeights,
    decoders,
    unimodalDecoders,
    vectors: (batch) => modalities.map((_, m) => vectorOf(m, batch)),
    vector: vectorOf,
    codeOf(batch, kept) {
      const vs = modalities.map((_, m) =>
        kept.includes(m) ? vectorOf(m, batch) : tf.zeros<tf.Rank.R2>([batch.size, d]),
      );
      return fusion.apply(vs, presenceMask(batch.size, modalities.length, kept));
    },
    fuse: (vectors, present) => fusion.apply(vectors, present),
    attributeLogits(code) {
      if (!headWeights) throw new Error('This joint model has no attribute heads.');
      return tf.add(matMul(code, headWeights.w as tf.Tensor2D), headWeights.b);
    },
  };
}

/**
 * The starting scale of the modality vectors. Tensor and low-rank fusion see ~d² products of entries
 * beside ~2d single entries; with entries of scale g the products' share of the pre-activation variance
 * is d·g²/2 times the single entries'. g = √(2 / d) makes the two equal, so the interactions start as a
 * correction to the unimodal terms instead of drowning them (at d = 32 and g = 1 they are 16 times larger,
 * and the image-only and caption-only codes, which have no products, start as a whisper). Linear fusions
 * keep unit scale.
 */
function initialGain(fusion: FusionName, d: number): number {
  return fusion === 'tensor' || fusion === 'lowrank' ? Math.min(1, Math.sqrt(2 / d)) : 1;
}

function createDecoders(
  params: ParamStore,
  name: string,
  inDim: number,
  vocabSize: number,
  rng: Rng,
): Decoders {
  const hidden = createDense(params, `${name}/image/fc`, inDim, DECODER_HIDDEN, rng, 'relu');
  // Linear pixels: a sigmoid would start every pixel at 0.5 on near-black images, an error so large that
  // its gradient first collapses every code onto the mean image.
  const pixels = createDense(params, `${name}/image/out`, DECODER_HIDDEN, RECON_LENGTH, rng);
  const words = createDense(params, `${name}/text/out`, inDim, vocabSize, rng);
  return {
    image: (code) => pixels.apply(hidden.apply(code)),
    text: (code) => words.apply(code),
  };
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
