import { tf } from '../tf';
import { fusedInfoNce, fusedRowsAvailable } from '../gpu/fusedRows';

/**
 * Symmetric InfoNCE, the CLIP loss (Radford et al. 2021; van den Oord et al. 2018).
 * With logits = s · x yᵀ (s = 1/τ, the inverse temperature), row i of the batch should pick column i:
 *   L = ½ [ CE(logits, I) + CE(logitsᵀ, I) ]
 *     = −½ mean_i [ log softmax_j(logits)_ii + log softmax_j(logitsᵀ)_ii ]
 *
 * x, y: [b, d], L2-normalised, row i of x paired with row i of y. scale: scalar 1/τ. Returns a scalar.
 */
export function infoNce(x: tf.Tensor2D, y: tf.Tensor2D, scale: tf.Scalar | number): tf.Scalar {
  // On WebGPU with a fixed temperature, the loss and its gradient are one dispatch each.
  if (typeof scale === 'number' && fusedRowsAvailable())
    return tf.tidy(() => fusedInfoNce(tf.matMul(x, y, false, true), scale));
  return tf.tidy(() => {
    const logits = tf.mul<tf.Tensor2D>(tf.matMul(x, y, false, true), scale);
    const eye = tf.eye(x.shape[0]);
    // TF.js's logSoftmax only reduces the last axis: the caption->image direction uses the transpose.
    const i2t = tf.sum(tf.mul(tf.logSoftmax(logits), eye), 1);
    const t2i = tf.sum(tf.mul(tf.logSoftmax(tf.transpose(logits)), eye), 1);
    return tf.neg<tf.Scalar>(tf.div(tf.add(tf.mean(i2t), tf.mean(t2i)), 2));
  });
}
