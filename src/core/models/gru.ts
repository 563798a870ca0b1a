import { tf } from '../tf';
import type { Rng } from '../random/rng';
import type { ParamStore } from './params';
import { matMul } from './matMul';

/**
 * A gated recurrent unit (Cho et al. 2014), built from matMul and elementwise ops only, so it trains on
 * every TF.js backend (WASM included).
 *   z = σ(x Wz + h Uz + bz),  r = σ(x Wr + h Ur + br),  n = tanh(x Wn + r ∘ (h Un) + bn)
 *   h' = (1 − z) ∘ n + z ∘ h
 * The three gates share one [in, 3H] and one [H, 3H] matrix: one product each per step instead of three.
 */
export interface GruCell {
  readonly hidden: number;
  /** x: [b, in], h: [b, H]. Returns the next state [b, H]. */
  step(x: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D;
}

export function createGru(
  params: ParamStore,
  name: string,
  inDim: number,
  hidden: number,
  rng: Rng,
): GruCell {
  const W = params.glorot(`${name}/W`, [inDim, 3 * hidden], rng, inDim, hidden) as tf.Tensor2D;
  const U = params.glorot(`${name}/U`, [hidden, 3 * hidden], rng, hidden, hidden) as tf.Tensor2D;
  const b = params.zeros(`${name}/b`, [3 * hidden]);
  return {
    hidden,
    step(x, h) {
      const xw = tf.add(matMul(x, W), b);
      const hu = matMul(h, U);
      const [xz, xr, xn] = tf.split(xw, 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
      const [hz, hr, hn] = tf.split(hu, 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
      const z = tf.sigmoid(tf.add(xz, hz));
      const r = tf.sigmoid(tf.add(xr, hr));
      const n = tf.tanh(tf.add(xn, tf.mul(r, hn)));
      return tf.add(tf.mul(tf.sub(1, z), n), tf.mul(z, h));
    },
  };
}
