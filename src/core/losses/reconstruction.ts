import { tf } from '../tf';
import { fusedRowsAvailable } from '../gpu/fusedRows';
import { fusedSoftCrossEntropy } from '../gpu/fusedCrossEntropy';

/** Mean squared error over every entry. prediction, target: same shape. Returns a scalar. */
export function meanSquaredError(prediction: tf.Tensor, target: tf.Tensor): tf.Scalar {
  return tf.mean<tf.Scalar>(tf.square(tf.sub(prediction, target)));
}

/**
 * Cross-entropy of a predicted word distribution against a caption's bag of words:
 *   −mean_i Σ_w bow_iw · log softmax(logits_i)_w
 * The bag sums to 1 per row, so this is the mean negative log-likelihood per word of the caption
 * (its minimum, reached when softmax = bow, is the bag's entropy, not 0).
 *
 * logits: [b, V]; bow: [b, V], rows summing to 1. Returns a scalar.
 */
export function bowCrossEntropy(logits: tf.Tensor2D, bow: tf.Tensor2D): tf.Scalar {
  // On WebGPU the loss and its gradient are one dispatch each.
  if (fusedRowsAvailable()) return fusedSoftCrossEntropy(logits, bow);
  return tf.neg<tf.Scalar>(tf.mean(tf.sum(tf.mul(bow, tf.logSoftmax(logits)), 1)));
}

/**
 * Images averaged over `factor` × `factor` blocks and flattened: a reconstruction target that keeps
 * shape, colour, size and position but not the pixel noise and anti-aliasing a small code cannot hold.
 * images: [b, h, w, c]. Returns [b, (h / factor) · (w / factor) · c].
 */
export function downsampleFlat(images: tf.Tensor4D, factor: number): tf.Tensor2D {
  const [b, h, w, c] = images.shape;
  if (h % factor !== 0 || w % factor !== 0) {
    throw new Error(`downsampleFlat: ${h}x${w} does not divide by ${factor}`);
  }
  const pooled = tf.mean(tf.reshape(images, [b, h / factor, factor, w / factor, factor, c]), [2, 4]);
  return tf.reshape(pooled, [b, (h / factor) * (w / factor) * c]);
}
