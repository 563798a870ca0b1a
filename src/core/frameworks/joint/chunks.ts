import { tf } from '../../tf';
import { gatherBatch, TensorBatch, type EncodedPairSet, type HostBatch } from '../../data/batch';

/** Rows per chunk: bounds the memory a large set needs. */
const CHUNK = 256;

/** Changes the host numbers of a chunk (e.g. adds noise) before they become tensors; `start`: its first row. */
export type Corruption = (host: HostBatch, start: number) => HostBatch;

/**
 * Runs `perChunk` over rows [0, n) in chunks and stitches the returned tensors' rows back together: each
 * named output [rows, k] (or [rows]) becomes one Float32Array [n · k], read back asynchronously.
 * `perChunk` runs inside tf.tidy; only what it returns outlives the call.
 */
export async function mapRows(
  n: number,
  perChunk: (start: number, rows: number) => Record<string, tf.Tensor>,
): Promise<Record<string, Float32Array>> {
  const out: Record<string, Float32Array> = {};
  for (let start = 0; start < n; start += CHUNK) {
    const rows = Math.min(CHUNK, n - start);
    const tensors = tf.tidy(() => perChunk(start, rows));
    const names = Object.keys(tensors);
    const values = await Promise.all(names.map((k) => tensors[k].data()));
    names.forEach((name, i) => {
      const v = values[i] as Float32Array;
      const width = v.length / rows;
      out[name] ??= new Float32Array(n * width);
      out[name].set(v, start * width);
      tensors[name].dispose();
    });
  }
  return out;
}

/**
 * `mapRows` over the pairs of a set (caption 0 of each), each chunk as a TensorBatch, optionally
 * corrupted first.
 */
export function mapChunks(
  data: EncodedPairSet,
  seqLength: number,
  perChunk: (batch: TensorBatch) => Record<string, tf.Tensor>,
  corrupt?: Corruption,
): Promise<Record<string, Float32Array>> {
  return mapRows(data.set.size, (start, rows) => {
    const host = gatherBatch(
      data,
      Int32Array.from({ length: rows }, (_, i) => start + i),
    );
    const batch = new TensorBatch(corrupt ? corrupt(host, start) : host, data.vocab.words.length, seqLength);
    return perChunk(batch);
  });
}
