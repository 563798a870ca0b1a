import { tf } from '../tf';
import { fusedRowsAvailable } from '../gpu/fusedRows';
import { fusedSoftCrossEntropy } from '../gpu/fusedCrossEntropy';

/**
 * Softmax cross-entropy of several categorical attributes predicted side by side, averaged over the
 * attributes (each attribute counts the same, whatever its number of values).
 *
 * logits: [b, Σ_a K_a], attribute a's K_a columns after those of attributes 0..a−1 (`sizes` = [K_0, …]).
 * labels: [b, A] int32 value indices. Returns a scalar: mean_a mean_i −log softmax(logits_a)_i,label.
 */
export function attributeCrossEntropy(
  logits: tf.Tensor2D,
  labels: tf.Tensor2D,
  sizes: readonly number[],
): tf.Scalar {
  return tf.tidy(() => {
    const b = logits.shape[0];
    let offset = 0;
    const terms = sizes.map((k, a) => {
      const block = tf.slice(logits, [0, offset], [b, k]);
      offset += k;
      const label = tf.reshape<tf.Rank.R1>(tf.slice(labels, [0, a], [b, 1]), [b]);
      const target = tf.cast(tf.oneHot(label, k), 'float32') as tf.Tensor2D;
      // On WebGPU the loss and its gradient are one dispatch each.
      if (fusedRowsAvailable()) return fusedSoftCrossEntropy(block, target);
      return tf.neg(tf.mean(tf.sum(tf.mul(target, tf.logSoftmax(block)), 1)));
    });
    return tf.div<tf.Scalar>(tf.addN(terms), sizes.length);
  });
}

/** The predicted value of each attribute. logits: [b, Σ_a K_a]. Returns [b, A] int32. */
export function attributePredictions(logits: tf.Tensor2D, sizes: readonly number[]): tf.Tensor2D {
  return tf.tidy(() => {
    const b = logits.shape[0];
    let offset = 0;
    const cols = sizes.map((k) => {
      const block = tf.slice(logits, [0, offset], [b, k]);
      offset += k;
      return tf.argMax(block, 1);
    });
    return tf.stack(cols, 1) as tf.Tensor2D;
  });
}
