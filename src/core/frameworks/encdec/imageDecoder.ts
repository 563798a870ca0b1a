import { tf } from '../../tf';
import type { Rng } from '../../random/rng';
import type { ParamStore } from '../../models/params';
import { createDense } from '../../models/dense';
import { IMAGE_CHANNELS, IMAGE_LENGTH, IMAGE_SIZE } from '../../data/pairs';
import { createConv } from '../../models/conv';
import type { ImageDecoderName } from '../../experiment/encdecParams';

/** An image decoder: a latent to pixel logits. */
export interface ImageDecoder {
  /** v: [b, dim]. Returns pixel logits [b, 3072]; σ of them is the image in [0, 1] (NHWC order). */
  logits(v: tf.Tensor2D): tf.Tensor2D;
}

/** Channels of the up-convolution decoder's 8x8 seed, of its 8x8 convolution, and (after depth to space) at 16x16. */
const SEED_CHANNELS = 16;
const UP_CHANNELS = 32;
const FINE_CHANNELS = UP_CHANNELS / 4;

/**
 * Depth to space ("pixel shuffle", Shi et al. 2016): each pixel's 4c channels become a 2x2 block of c.
 * Channel k = (2·dy + dx)·c + ch goes to sub-pixel (dy, dx). [b, h, w, 4c] -> [b, 2h, 2w, c].
 */
export function depthToSpace2(x: tf.Tensor4D): tf.Tensor4D {
  const [b, h, w, c4] = x.shape;
  const c = c4 / 4;
  const blocks = tf.transpose(tf.reshape(x, [b, h, w, 2, 2, c]), [0, 1, 3, 2, 4, 5]);
  return tf.reshape(blocks, [b, 2 * h, 2 * w, c]);
}

/**
 * 'dense': x̂ = σ( relu(v W₁ + b₁) W₂ + b₂ ): every pixel of every place learnt separately.
 * 'upconv': a small generator in the manner of DCGAN (Radford et al. 2016) with sub-pixel convolutions
 *   (Shi et al. 2016) instead of transposed ones: v -> dense(hidden, relu) -> dense(8x8x16, relu) ->
 *   3x3 conv (32, relu) -> depth to space (16x16x8) -> 3x3 conv (12) -> depth to space -> 32x32x3.
 *   The convolutions are shared across the image, so a shape learnt at one place is drawn at every
 *   place: sharper shapes from less data. Convolving before each upsampling keeps them cheap. Both
 *   convolutions' outputs are modulated per channel by the latent (FiLM, Perez et al. 2018:
 *   y ← y ∘ (1 + γ(v)) + β(v)): a convolution sees only its neighbourhood, and the modulation hands it
 *   what holds for the whole picture, such as the colour, so that the seed only has to say where.
 * Both are built from matMul, slices, reshapes and elementwise ops (convolutions as im2col), so they
 * train on every backend; tf.conv2dTranspose would not train on WASM.
 */
export function createImageDecoder(
  kind: ImageDecoderName,
  params: ParamStore,
  latentDim: number,
  hidden: number,
  rng: Rng,
): ImageDecoder {
  const fc = createDense(params, 'imageDecoder/fc', latentDim, hidden, rng, 'relu');
  if (kind === 'dense') {
    const pixels = createDense(params, 'imageDecoder/pixels', hidden, IMAGE_LENGTH, rng);
    return { logits: (v) => pixels.apply(fc.apply(v)) };
  }
  const quarter = IMAGE_SIZE / 4;
  const seed = createDense(
    params,
    'imageDecoder/seed',
    hidden,
    quarter * quarter * SEED_CHANNELS,
    rng,
    'relu',
  );
  const conv1 = createConv(params, 'imageDecoder/conv1', SEED_CHANNELS, UP_CHANNELS, rng, true);
  const conv2 = createConv(params, 'imageDecoder/conv2', FINE_CHANNELS, 4 * IMAGE_CHANNELS, rng, true);
  const film1 = createDense(params, 'imageDecoder/film1', hidden, 2 * UP_CHANNELS, rng);
  const film2 = createDense(params, 'imageDecoder/film2', hidden, 2 * 4 * IMAGE_CHANNELS, rng);
  /** y: [b, h, w, c]; film: [b, 2c] = [γ ; β]. Returns y ∘ (1 + γ) + β, γ and β broadcast over h and w. */
  const modulate = (y: tf.Tensor4D, film: tf.Tensor2D): tf.Tensor4D => {
    const [b, , , c] = y.shape;
    const [gamma, beta] = tf.split(tf.reshape(film, [b, 1, 1, 2 * c]), 2, 3);
    return tf.add<tf.Tensor4D>(tf.mul(y, tf.add(gamma, 1)), beta);
  };
  return {
    logits(v) {
      const b = v.shape[0];
      const u = fc.apply(v);
      const grid = tf.reshape<tf.Rank.R4>(seed.apply(u), [b, quarter, quarter, SEED_CHANNELS]);
      const h = depthToSpace2(tf.relu(modulate(conv1.apply(grid), film1.apply(u))));
      const out = modulate(conv2.apply(h), film2.apply(u));
      return tf.reshape<tf.Rank.R2>(depthToSpace2(out), [b, IMAGE_LENGTH]);
    },
  };
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
    return tf.mean<tf.Scalar>(tf.add(tf.sub(tf.relu(logits), tf.mul(logits, targets)), softplusNegAbs));
  });
}
