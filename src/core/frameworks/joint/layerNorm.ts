import { tf } from '../../tf';
import type { ParamStore } from '../../models/params';
import { fusedRowsAvailable, fusedStandardise } from '../../gpu/fusedRows';

/**
 * Layer normalisation (Ba et al. 2016): each row standardised over its features, then a learnt gain and
 * shift per feature, y = γ ∘ (x − mean) / std + β, from moments, subtraction and division only (they
 * train on every backend).
 *
 * Why here: the modality vectors feed products (tensor and low-rank fusion) and sums whose scale should
 * not depend on how far an encoder's features have drifted; the gain γ lets the model turn down the
 * features of a modality it cannot yet trust instead of forcing each to unit variance.
 */
export interface LayerNorm {
  /** x: [b, d]. Returns [b, d]. */
  apply(x: tf.Tensor2D): tf.Tensor2D;
}

/** `initialGain`: the starting γ (1 in the original; smaller starts the features quieter). */
export function createLayerNorm(params: ParamStore, name: string, d: number, initialGain = 1): LayerNorm {
  const gain = params.constant(`${name}/gain`, [d], initialGain);
  const shift = params.zeros(`${name}/shift`, [d]);
  return { apply: (x) => tf.add(tf.mul(standardise(x), gain), shift) };
}

/** Each row to mean 0 and variance 1 over its features. x: [b, d]. Returns [b, d]. */
export function standardise(x: tf.Tensor2D): tf.Tensor2D {
  // On WebGPU one dispatch each way instead of ~8 kernels forward and ~16 backward.
  if (fusedRowsAvailable()) return fusedStandardise(x, 1e-5);
  const { mean, variance } = tf.moments(x, 1, true);
  return tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5)));
}
