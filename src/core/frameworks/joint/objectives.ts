import { tf } from '../../tf';
import type { Rng } from '../../random/rng';
import type { TensorBatch } from '../../data/batch';
import type { ExperimentConfig } from '../../experiment/config';
import { attributeCrossEntropy } from '../../losses/attributeLoss';
import { bowCrossEntropy, downsampleFlat, meanSquaredError } from '../../losses/reconstruction';
import { modalityDropoutMask, subsetDropoutMask } from '../../fusion/modalityDropout';
import { RECON_FACTOR, type Decoders, type JointNetwork } from './network';

/** The weighted terms of one batch's objective, each a scalar, before weighting. */
export interface JointTerms {
  attributes?: tf.Scalar;
  reconstruction?: tf.Scalar;
  unimodal?: tf.Scalar;
  traceNorm?: tf.Scalar;
}

/**
 * The terms of the joint objective on one batch. Every term that reads the joint code sees the same
 * code, fused under modality dropout (`rng` picks the rows that lose a modality), so the heads and the
 * decoders learn to work from an image alone, a caption alone, or both.
 *
 * - attributes: softmax cross-entropy of each attribute from the joint code (mean over attributes).
 * - reconstruction: the image at half resolution (normalised MSE, see below) plus the caption's bag of
 *   words (cross-entropy) decoded from the joint code: the bimodal autoencoder of Ngiam et al. 2011,
 *   which with dropout must reconstruct the missing modality as well as the present one. The targets
 *   are the pair's picture and caption whatever the run's modalities (the data always has both): in a
 *   run of image and sound the caption's words are decoded from them, as the attributes are, and in a
 *   run of caption and sound the picture; the sound itself is not reconstructed.
 * - unimodal: the same reconstructions, each from its own modality vector before fusion (the image from
 *   the image's, the caption from the caption's, those the run has): keeps in v_m what is specific to
 *   modality m even when the joint code does not need it.
 * - traceNorm: the fusion operator's trace-norm surrogate (see each operator).
 */
export function jointTerms(
  net: JointNetwork,
  config: ExperimentConfig,
  batch: TensorBatch,
  rng: Rng,
): JointTerms {
  const b = batch.size;
  const vectors = net.vectors(batch);
  // With sound, a row may lose one or two of its three modalities, so every input subset is trained.
  const M = net.modalities.length;
  const dropout = M > 2 ? subsetDropoutMask : modalityDropoutMask;
  const mask = dropout(b, M, config.modalityDropout, rng);
  const code = net.fuse(vectors, tf.tensor2d(mask, [b, M]));
  const terms: JointTerms = {};
  if (net.attributeSizes) {
    const labels = batch.attributes();
    if (!labels) throw new Error('The supervised objective needs attribute labels; this batch has none.');
    terms.attributes = attributeCrossEntropy(net.attributeLogits(code), labels, net.attributeSizes);
  }
  if (net.decoders) terms.reconstruction = reconstruction(net.decoders, code, code, batch);
  if (net.unimodalDecoders) {
    const [image, text] = [net.indexOf('image'), net.indexOf('text')];
    terms.unimodal = reconstruction(
      net.unimodalDecoders,
      image >= 0 ? vectors[image] : null,
      text >= 0 ? vectors[text] : null,
      batch,
    );
  }
  if (config.traceNormWeight > 0) terms.traceNorm = net.fusion.penalty();
  return terms;
}

/** The weighted sum of the terms. Returns a scalar. */
export function jointLoss(terms: JointTerms, config: ExperimentConfig): tf.Scalar {
  const weighted: tf.Scalar[] = [];
  if (terms.attributes) weighted.push(tf.mul(terms.attributes, config.jointAttrWeight));
  if (terms.reconstruction) weighted.push(tf.mul(terms.reconstruction, config.jointReconWeight));
  if (terms.unimodal) weighted.push(tf.mul(terms.unimodal, config.unimodalReconWeight));
  if (terms.traceNorm) weighted.push(tf.mul(terms.traceNorm, config.traceNormWeight));
  return weighted.length > 0 ? tf.addN(weighted) : tf.scalar(0);
}

/**
 * Image and caption reconstruction, image from `imageCode`, caption from `textCode` (a null code: that
 * term is left out). The image term is the MSE divided by the batch's pixel variance (1 − R²: 1 for
 * predicting the mean image, 0 for perfect), so it stays on the scale of the caption's cross-entropy
 * instead of a hundredth of it. Returns a scalar.
 */
function reconstruction(
  decoders: Decoders,
  imageCode: tf.Tensor2D | null,
  textCode: tf.Tensor2D | null,
  batch: TensorBatch,
): tf.Scalar {
  const terms: tf.Scalar[] = [];
  if (imageCode) {
    const target = downsampleFlat(batch.images(), RECON_FACTOR);
    const variance = tf.add(tf.mean(tf.square(tf.sub(target, tf.mean(target, 0, true)))), 1e-6);
    terms.push(tf.div(meanSquaredError(decoders.image(imageCode), target), variance));
  }
  if (textCode) terms.push(bowCrossEntropy(decoders.text(textCode), batch.bow()));
  return terms.length === 2 ? tf.add<tf.Scalar>(terms[0], terms[1]) : (terms[0] ?? tf.scalar(0));
}
