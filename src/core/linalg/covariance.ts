import { tf } from '../tf';
import { matMul } from '../models/matMul';

/**
 * Added to every ridge so that a view whose outputs do not vary at all (a collapsed tower, a batch of
 * identical inputs) still has an invertible covariance: its correlations then read 0 instead of NaN.
 */
export const RIDGE_FLOOR = 1e-8;

/** Column means removed. h: [b, d]. Returns [b, d]. */
export function centre(h: tf.Tensor2D): tf.Tensor2D {
  return tf.sub(h, tf.mean(h, 0, true));
}

/** Sample cross-covariance of centred views, a1ᵀ a2 / (b − 1). a1: [b, d1], a2: [b, d2]. Returns [d1, d2]. */
export function crossCovariance(a1: tf.Tensor2D, a2: tf.Tensor2D): tf.Tensor2D {
  const b = a1.shape[0];
  return tf.div(matMul(tf.transpose(a1), a2), Math.max(b - 1, 1));
}

/**
 * Σ + (r · tr Σ / d + floor) I: a ridge of r times the view's mean variance. Relative to the scale of the
 * outputs, so a network cannot make the ridge negligible (or dominant) by growing (or shrinking) them,
 * and the smallest eigenvalue is at least r/(d + r) of the largest, which bounds the Newton–Schulz steps.
 * For features of unit variance it is Σ + rI, the regularised covariance of Andrew et al. (2013).
 * sigma: [d, d]. Returns [d, d].
 */
export function ridge(sigma: tf.Tensor2D, r: number): tf.Tensor2D {
  const d = sigma.shape[0];
  const shift = tf.add(tf.mul(tf.div(tf.sum(tf.mul(sigma, tf.eye(d))), d), r), RIDGE_FLOOR);
  return tf.add(sigma, tf.mul(tf.eye(d), shift));
}

/** A lower bound on λ_min / ‖Σ + ridge‖_F after `ridge(Σ, r)` of a d×d PSD Σ (for newtonSchulzSteps). */
export function ridgeFloor(r: number, d: number): number {
  // λ_min ≥ r·tr/d and ‖Σ + ridge‖_F ≤ tr + r·tr; the absolute floor only helps.
  return r / (d * (1 + r));
}
