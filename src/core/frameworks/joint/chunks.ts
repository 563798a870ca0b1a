import { tf } from '../../tf';
import { gatherBatch, TensorBatch, type EncodedPairSet, type HostBatch } from '../../data/batch';
import { IMAGE_LENGTH } from '../../data/pairs';

/** Rows per chunk: bounds the memory a large set needs. */
const CHUNK = 256;

/** Gaussian noise on the images: pixel + std · field, clamped to [0, 1] (the image stays an image). */
export interface ImageNoise {
  /** Standard-normal values, one per pixel value of the set ([n, 3072]), drawn once so levels compare. */
  readonly field: Float32Array;
  readonly std: number;
}

/**
 * Runs `perChunk` over the whole set (caption 0 of each pair) and stitches the returned tensors' rows
 * back together: each named output [chunk, k] (or [chunk]) becomes one Float32Array [n · k], read back
 * asynchronously. `perChunk` runs inside tf.tidy; only what it returns outlives the call.
 */
export async function mapChunks(
  data: EncodedPairSet,
  seqLength: number,
  perChunk: (batch: TensorBatch) => Record<string, tf.Tensor>,
  noise?: ImageNoise,
): Promise<Record<string, Float32Array>> {
  const n = data.set.size;
  const out: Record<string, Float32Array> = {};
  for (let start = 0; start < n; start += CHUNK) {
    const rows = Math.min(CHUNK, n - start);
    const indices = Int32Array.from({ length: rows }, (_, i) => start + i);
    const host = gatherBatch(data, indices);
    const noisy = noise ? withNoise(host, noise, start) : host;
    const tensors = tf.tidy(() => perChunk(new TensorBatch(noisy, data.vocab.words.length, seqLength)));
    const names = Object.keys(tensors);
    const values = await Promise.all(names.map((k) => (tensors[k] as tf.Tensor).data()));
    names.forEach((name, i) => {
      const v = values[i] as Float32Array;
      const width = v.length / rows;
      out[name] ??= new Float32Array(n * width);
      (out[name] as Float32Array).set(v, start * width);
      (tensors[name] as tf.Tensor).dispose();
    });
  }
  return out;
}

function withNoise(host: HostBatch, noise: ImageNoise, start: number): HostBatch {
  const images = new Float32Array(host.images.length);
  const offset = start * IMAGE_LENGTH;
  for (let p = 0; p < images.length; p++) {
    const v = (host.images[p] as number) + noise.std * (noise.field[offset + p] as number);
    images[p] = v < 0 ? 0 : v > 1 ? 1 : v;
  }
  return { ...host, images };
}
