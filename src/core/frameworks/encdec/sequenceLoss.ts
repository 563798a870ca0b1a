import { tf } from '../../tf';
import { PAD } from '../../text/vocabulary';

/**
 * Masked cross-entropy of next-token predictions: the negative log-likelihood per real token,
 *   L = −Σ_{i,t} m_it log softmax(logits_it)[y_it] / Σ_{i,t} m_it,   m_it = [y_it ≠ PAD]
 * Minimising it maximises log p(S | V; θ) = Σ_t log p(w_t | w_<t, v) of each caption (the EOS is a
 * target too, so the decoder learns where to stop); padding after the EOS is not part of any caption.
 *
 * logits: [n, V] (one row per position), targets: [n] int32. Returns a scalar.
 */
export function maskedCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const V = logits.shape[1];
    const picked = tf.sum(tf.mul(tf.logSoftmax(logits), tf.oneHot(targets, V)), 1);
    const mask = tf.cast(tf.notEqual(targets, PAD), 'float32');
    // max(1, ·) keeps an all-PAD batch at 0 instead of 0/0.
    return tf.div<tf.Scalar>(tf.neg(tf.sum(tf.mul(picked, mask))), tf.maximum(tf.sum(mask), 1));
  });
}

/**
 * Sum of the negative log-likelihoods and number of real tokens, for perplexity over many batches:
 * perplexity = exp(Σ nll / Σ count). logits: [n, V], targets: [n]. Returns [nllSum, count] scalars.
 */
export function tokenNll(logits: tf.Tensor2D, targets: tf.Tensor1D): [tf.Scalar, tf.Scalar] {
  return tf.tidy(() => {
    const V = logits.shape[1];
    const picked = tf.sum(tf.mul(tf.logSoftmax(logits), tf.oneHot(targets, V)), 1);
    const mask = tf.cast(tf.notEqual(targets, PAD), 'float32');
    return [tf.neg<tf.Scalar>(tf.sum(tf.mul(picked, mask))), tf.sum<tf.Scalar>(mask)];
  });
}
