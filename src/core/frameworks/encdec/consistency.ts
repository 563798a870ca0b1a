import { tf } from '../../tf';
import { infoNce } from '../../losses/infoNce';
import type { ConsistencyLoss } from '../../experiment/encdecParams';

/** InfoNCE temperature of the consistency term: CLIP's usual scale, the same as the coordinated default. */
export const CONSISTENCY_TEMPERATURE = 0.1;

/**
 * Semantic consistency between the image latent and the caption latent of each pair, the regulariser
 * that makes the two encoders of an encoder-decoder agree on one latent space:
 *   infonce: each latent must pick its partner out of the batch (symmetric InfoNCE, τ = 0.1);
 *   mse:     mean_i ‖x_i − y_i‖² = mean_i (2 − 2 cos(x_i, y_i)); no negatives, so it relies on the
 *            decoders to keep the latents informative (alone it could map everything to one point).
 *
 * x, y: [b, d], L2-normalised, row i of each from pair i. Returns a scalar.
 */
export function consistencyLoss(x: tf.Tensor2D, y: tf.Tensor2D, kind: ConsistencyLoss): tf.Scalar {
  if (kind === 'infonce') return infoNce(x, y, 1 / CONSISTENCY_TEMPERATURE);
  return tf.tidy(() => tf.mean<tf.Scalar>(tf.sum(tf.square(tf.sub(x, y)), 1)));
}
