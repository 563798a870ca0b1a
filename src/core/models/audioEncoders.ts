import { tf } from '../tf';
import type { Rng } from '../random/rng';
import type { ParamStore } from './params';
import type { Encoder } from './encoder';
import { createDense } from './dense';
import { matMul } from './matMul';
import { AUDIO_FRAMES, AUDIO_LENGTH, AUDIO_MELS } from '../data/pairs';
import type { AudioEncoderName } from './encoderNames';

/** Channels of the two convolutions of 'conv1d', and their kernel widths in frames. */
export const CONV1D_CHANNELS = [32, 64] as const;
export const CONV1D_KERNELS = [5, 3] as const;

/** A 1-D convolution over frames, stride 1, 'same' padding. x: [b, t, cin]. Returns [b, t, cout]. */
export interface Conv1d {
  apply(x: tf.Tensor3D): tf.Tensor3D;
}

/**
 * A 1-D convolution written as im2col: the `width` shifted copies of the padded input are sliced,
 * concatenated along channels ([b, t, width·cin]) and multiplied by the [width·cin, cout] kernel matrix.
 * Slice, pad, concat and matMul have gradients on every backend (tf.conv1d is a conv2d, whose filter
 * gradient the WASM backend lacks). Kernel layout [width, cin, cout]: tap d reads frame t + d - width/2.
 */
export function createConv1d(
  params: ParamStore,
  name: string,
  width: number,
  cin: number,
  cout: number,
  rng: Rng,
): Conv1d {
  const kernel = params.glorot(`${name}/k`, [width, cin, cout], rng, width * cin, width * cout);
  const bias = params.zeros(`${name}/b`, [cout]);
  const half = Math.floor(width / 2);
  return {
    apply(x) {
      const [b, t] = x.shape;
      const padded = tf.pad(x, [
        [0, 0],
        [half, width - 1 - half],
        [0, 0],
      ]);
      const taps: tf.Tensor3D[] = [];
      for (let d = 0; d < width; d++) taps.push(tf.slice(padded, [0, d, 0], [b, t, cin]));
      // Channel order (d, cin) matches the row order of the kernel reshaped to [width·cin, cout].
      const cols = tf.reshape<tf.Rank.R2>(tf.concat(taps, 2), [b * t, width * cin]);
      const out = matMul(cols, tf.reshape(kernel, [width * cin, cout]));
      return tf.add<tf.Tensor3D>(tf.reshape(out, [b, t, cout]), bias);
    },
  };
}

/** Average of frame pairs by reshape and mean (gradients everywhere). x: [b, t, c] -> [b, t / 2, c]. */
function pairMean(x: tf.Tensor3D): tf.Tensor3D {
  const [b, t, c] = x.shape;
  return tf.mean<tf.Tensor3D>(tf.reshape(x, [b, t / 2, 2, c]), 2);
}

/**
 * Sound encoders over log-mel features [b, AUDIO_FRAMES, AUDIO_MELS] (see pairs.ts). Both train on every
 * backend (only matMul, slice, pad, concat, reshape, mean and elementwise ops).
 * - 'mlp': the 1,920 features flattened -> dense(hidden, relu). Weights 1920·hidden + hidden.
 * - 'conv1d': the mel bands as channels, convolved along time: conv(5 frames, 40 -> 32) + relu + mean of
 *   frame pairs, conv(3 frames, 32 -> 64) + relu + mean of frame pairs, then the mean over the remaining
 *   12 frames -> dense(hidden, relu). Averaging over time makes it indifferent to when the sound starts
 *   (ShapeCaptions' notes start anywhere in their first 0.1 s), while how long it lasts still shows in
 *   the mean. Weights 5·40·32 + 32 + 3·32·64 + 64 + 64·hidden + hidden (20,960 at hidden 128).
 */
export function createAudioEncoder(
  name: AudioEncoderName,
  params: ParamStore,
  hidden: number,
  rng: Rng,
): Encoder {
  if (name === 'mlp') {
    const fc = createDense(params, 'audio/fc', AUDIO_LENGTH, hidden, rng, 'relu');
    return { outDim: hidden, apply: (batch) => fc.apply(batch.audioFlat()) };
  }
  const [c1, c2] = CONV1D_CHANNELS;
  const [k1, k2] = CONV1D_KERNELS;
  const conv1 = createConv1d(params, 'audio/conv1', k1, AUDIO_MELS, c1, rng);
  const conv2 = createConv1d(params, 'audio/conv2', k2, c1, c2, rng);
  const fc = createDense(params, 'audio/fc', c2, hidden, rng, 'relu');
  if (AUDIO_FRAMES % 4 !== 0) throw new Error('conv1d: AUDIO_FRAMES must be a multiple of 4');
  return {
    outDim: hidden,
    apply(batch) {
      const h1 = pairMean(tf.relu(conv1.apply(batch.audio())));
      const h2 = pairMean(tf.relu(conv2.apply(h1)));
      return fc.apply(tf.mean<tf.Tensor2D>(h2, 1));
    },
  };
}
