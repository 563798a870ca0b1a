import { tf } from '../tf';
import type { Rng } from '../random/rng';
import type { ParamStore } from './params';
import { matMul } from './matMul';

/** A 3x3, stride 1, 'same'-padded convolution. x: [b, h, w, cin]. Returns [b, h, w, cout]. */
export interface Conv3x3 {
  apply(x: tf.Tensor4D): tf.Tensor4D;
}

/**
 * With `portable`, the convolution is im2col: the nine shifted 3x3 neighbourhoods are sliced from the
 * padded input, concatenated along channels and multiplied by the [9·cin, cout] kernel matrix. Slice,
 * pad, concat and matMul have gradients on every backend; conv2d's filter gradient is missing on WASM.
 * Both forms share the kernel layout [3, 3, cin, cout] and compute the same function.
 */
export function createConv(
  params: ParamStore,
  name: string,
  cin: number,
  cout: number,
  rng: Rng,
  portable: boolean,
): Conv3x3 {
  const kernel = params.glorot(`${name}/k`, [3, 3, cin, cout], rng, 9 * cin, 9 * cout) as tf.Tensor4D;
  const bias = params.zeros(`${name}/b`, [cout]);
  if (!portable) return { apply: (x) => tf.add(tf.conv2d(x, kernel, 1, 'same'), bias) };
  return {
    apply(x) {
      const [b, h, w] = x.shape;
      const padded = tf.pad(x, [
        [0, 0],
        [1, 1],
        [1, 1],
        [0, 0],
      ]);
      const patches: tf.Tensor4D[] = [];
      for (let dy = 0; dy < 3; dy++) {
        for (let dx = 0; dx < 3; dx++) patches.push(tf.slice(padded, [0, dy, dx, 0], [b, h, w, cin]));
      }
      // Channel order (dy, dx, cin) matches the row order of kernel reshaped to [9·cin, cout].
      const cols = tf.reshape<tf.Rank.R2>(tf.concat(patches, 3), [b * h * w, 9 * cin]);
      const out = matMul(cols, tf.reshape(kernel, [9 * cin, cout]));
      return tf.add<tf.Tensor4D>(tf.reshape(out, [b, h, w, cout]), bias);
    },
  };
}

/** 2x2 average pooling by reshape and mean (gradients on every backend). x: [b, h, w, c] -> [b, h/2, w/2, c]. */
export function avgPool2(x: tf.Tensor4D): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  return tf.mean<tf.Tensor4D>(tf.reshape(x, [b, h / 2, 2, w / 2, 2, c]), [2, 4]);
}
