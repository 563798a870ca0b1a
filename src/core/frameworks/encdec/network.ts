import { tf } from '../../tf';
import type { Rng } from '../../random/rng';
import type { TensorBatch } from '../../data/batch';
import type { ExperimentConfig } from '../../experiment/config';
import { ParamStore } from '../../models/params';
import { createDense, l2Normalize } from '../../models/dense';
import { createImageEncoder } from '../../models/imageEncoders';
import { createTextEncoder } from '../../models/textEncoders';
import { createCaptionDecoder, type CaptionDecoder } from './captionDecoder';
import { createImageDecoder, pixelCrossEntropy, type ImageDecoder } from './imageDecoder';
import { maskedCrossEntropy, tokenNll } from './sequenceLoss';
import { consistencyLoss } from './consistency';
import { createAudioTower } from '../audioTower';
import { modalitiesOf } from '../../data/modalities';

/** Hidden units of the image decoder's first layer. */
export const IMAGE_DECODER_HIDDEN = 256;

/**
 * The tensors of the encoder-decoder framework. Each modality has an encoder ending in a projection to
 * the latent space and L2 normalisation (the unit latents are the shared codes the gap is measured on);
 * the decoders read the unit latent scaled by √dim, so its entries are of order 1 whatever dim is.
 *
 *   i2t:  image → v_I → caption decoder (GRU) → words        L_cap = −log p(S | v_I)
 *   t2i:  caption → v_T → image decoder → pixels            L_img = −log p(I | v_T)
 *   both: the two at once.
 * In every direction a consistency term λ · C(v_I, v_T) pulls the two latents of a pair together.
 *
 * Both encoders exist in every direction, so `embed` always gives two codes; an encoder that no term
 * trains (the caption encoder under i2t with λ = 0) stays at its random start, which the gap shows.
 *
 * With sound among the modalities a sound encoder joins (v_A), and the caption decoder is also trained
 * from it, L_cap += −log p(S | v_A): sound → caption with the same decoder, so a sound and its picture
 * are asked to be read alike. Without the image (text,audio) the decoder learns from the sound alone.
 * The consistency term then pulls every source latent towards the caption's.
 */
export interface EncDecNetwork {
  readonly params: ParamStore;
  readonly latentDim: number;
  readonly captioner: CaptionDecoder | null;
  readonly painter: ImageDecoder | null;
  /** Unit image latents [b, dim]. */
  imageLatent(batch: TensorBatch): tf.Tensor2D;
  /** Unit caption latents [b, dim]. */
  textLatent(batch: TensorBatch): tf.Tensor2D;
  /** Unit sound latents [b, dim], when the run has sound. */
  readonly audioLatent: ((batch: TensorBatch) => tf.Tensor2D) | null;
  /** What the caption decoder is trained to read: the image latent, the sound latent, or both. */
  readonly captionSources: readonly ('image' | 'audio')[];
  /** The latent the caption decoder reads for a source. */
  sourceLatent(source: 'image' | 'audio', batch: TensorBatch): tf.Tensor2D;
  /** What the decoders read: unit latents [b, dim] times √dim. */
  decoderInput(unit: tf.Tensor2D): tf.Tensor2D;
  /** The training objective (mean per caption token + mean per pixel value + λ · consistency). */
  loss(batch: TensorBatch): tf.Scalar;
  /** Summed caption negative log-likelihood and token count of a batch, for perplexity ([sum, count]). */
  captionNll(batch: TensorBatch): [tf.Scalar, tf.Scalar];
}

/** The batch's tokens cut after its longest caption: positions that are PAD in every row cost time only. */
export function trimmedTokens(batch: TensorBatch): tf.Tensor2D {
  const longest = Math.max(...batch.host.captionIds.map((ids) => ids.length));
  const length = Math.min(batch.seqLength, longest + 2);
  const tokens = batch.tokens();
  return length === batch.seqLength ? tokens : tf.slice(tokens, [0, 0], [batch.size, length]);
}

export function createEncDecNetwork(config: ExperimentConfig, vocabSize: number, rng: Rng): EncDecNetwork {
  const params = new ParamStore();
  const dim = config.dim;
  const imageEncoder = createImageEncoder(config.imageEncoder, params, config.imageHidden, rng);
  const imageHead = createDense(params, 'image/proj', imageEncoder.outDim, dim, rng);
  const textEncoder = createTextEncoder(config.textEncoder, params, vocabSize, config.textHidden, rng);
  const textHead = createDense(params, 'text/proj', textEncoder.outDim, dim, rng);
  const captioner =
    config.direction === 't2i'
      ? null
      : createCaptionDecoder(params, vocabSize, dim, config.decoderHidden, rng);
  const painter =
    config.direction === 'i2t'
      ? null
      : createImageDecoder(config.imageDecoder, params, dim, IMAGE_DECODER_HIDDEN, rng);
  const scale = Math.sqrt(dim);
  const audio = createAudioTower(config, params, 'audio/proj', dim, rng);
  const captionSources = (['image', 'audio'] as const).filter((m) =>
    modalitiesOf(config.modalities).includes(m),
  );

  const imageLatent = (batch: TensorBatch) => l2Normalize(imageHead.apply(imageEncoder.apply(batch)));
  const audioLatent = audio
    ? (batch: TensorBatch) => l2Normalize(audio.head.apply(audio.encoder.apply(batch)))
    : null;
  const sourceLatent = (source: 'image' | 'audio', batch: TensorBatch): tf.Tensor2D => {
    if (source === 'image') return imageLatent(batch);
    if (!audioLatent) throw new Error('This model has no sound encoder (the run has no sound).');
    return audioLatent(batch);
  };
  const textLatent = (batch: TensorBatch) => l2Normalize(textHead.apply(textEncoder.apply(batch)));
  const decoderInput = (unit: tf.Tensor2D) => tf.mul<tf.Tensor2D>(unit, scale);
  const teacherForce = (batch: TensorBatch, decoder: CaptionDecoder, unit: tf.Tensor2D) =>
    decoder.teacherForce(decoderInput(unit), trimmedTokens(batch));

  return {
    params,
    latentDim: dim,
    captioner,
    painter,
    imageLatent,
    textLatent,
    audioLatent,
    captionSources,
    sourceLatent,
    decoderInput,
    loss(batch) {
      const weight = config.consistencyWeight;
      const sources = captioner || weight > 0 ? captionSources.map((m) => sourceLatent(m, batch)) : [];
      const vT = painter || weight > 0 ? textLatent(batch) : null;
      const terms: tf.Scalar[] = [];
      if (captioner) {
        for (const v of sources) {
          const { logits, targets } = teacherForce(batch, captioner, v);
          terms.push(maskedCrossEntropy(logits, targets));
        }
      }
      if (painter && vT) terms.push(pixelCrossEntropy(painter.logits(decoderInput(vT)), batch.imagesFlat()));
      if (weight > 0 && vT) {
        for (const v of sources)
          terms.push(tf.mul<tf.Scalar>(weight, consistencyLoss(v, vT, config.consistency)));
      }
      return tf.addN<tf.Scalar>(terms);
    },
    captionNll(batch) {
      if (!captioner) throw new Error('captionNll: this model has no caption decoder (direction t2i)');
      // Perplexity of captions from the first source: the image when the run has it, else the sound.
      const { logits, targets } = teacherForce(batch, captioner, sourceLatent(captionSources[0], batch));
      return tokenNll(logits, targets);
    },
  };
}
