/**
 * One kept Float32Array for the training batch's images on the wasm backend, instead of a new one per
 * step.
 *
 * Why: Chromium hands a large ArrayBuffer fresh pages each time (measured in a worker: 2.8 ms to allocate
 * and fill the [64, 3072] floats of a batch, 0.04 ms in Node, under 0.1 ms to refill a kept one), which
 * was a quarter of a default wasm step in the app's worker. Reusing it is safe on wasm only: its backend
 * copies an array into its own memory when the tensor is made, while the cpu backend keeps the array
 * itself and the GPU backends may upload it later.
 */
import { tf } from '../tf';

let kept: Float32Array | null = null;

/** A Float32Array of `length` that the next call may overwrite, on the wasm backend; undefined elsewhere. */
export function batchImageScratch(length: number): Float32Array | undefined {
  if (tf.getBackend() !== 'wasm') return undefined;
  if (kept?.length !== length) kept = new Float32Array(length);
  return kept;
}
