import { tf } from '../../tf';
import type { Rng } from '../../random/rng';
import type { ParamStore } from '../../models/params';
import { createDense } from '../../models/dense';
import { IMAGE_LENGTH } from '../../data/pairs';

/**
 * An image decoder: a latent v to the 32x32x3 pixels through one hidden layer,
 *   x̂ = σ( relu(v W₁ + b₁) W₂ + b₂ )
 * Dense layers only (matMul and elementwise ops), so it trains on every backend; a transposed
 * convolution would not train on WASM. With one shape per picture on a plain background, a hidden
 * unit can learn a whole stroke (a shape at one place and size), so a few hundred units suffice.
 */
export interface ImageDecoder {
  /** v: [b, dim]. Returns pixel logits [b, 3072]; σ of them is the image in [0, 1] (NHWC order). */
  logits(v: tf.Tensor2D): tf.Tensor2D;
}

export function createImageDecoder(
  params: ParamStore,
  latentDim: number,
  hidden: number,
  rng: Rng,
): ImageDecoder {
  const fc = createDense(params, 'imageDecoder/fc', latentDim, hidden, rng, 'relu');
  const pixels = createDense(params, 'imageDecoder/pixels', hidden, IMAGE_LENGTH, rng);
  return { logits: (v) => pixels.apply(fc.apply(v)) };
}

/**
 * Binary cross-entropy of pixel logits against target intensities in [0, 1], mean over every value:
 *   mean( max(z, 0) − z·y + log(1 + e^(−|z|)) )
 * the stable form of −[y log σ(z) + (1 − y) log(1 − σ(z))]. It is the negative log-likelihood of the
 * image under independent per-pixel Bernoulli outputs: the image half of maximising log p(target | v).
 *
 * logits, targets: [b, 3072]. Returns a scalar.
 */
export function pixelCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const softplusNegAbs = tf.log1p(tf.exp(tf.neg(tf.abs(logits))));
    return tf.mean(tf.add(tf.sub(tf.relu(logits), tf.mul(logits, targets)), softplusNegAbs)) as tf.Scalar;
  });
}
