import { tf } from '../core/tf';
import type { EncodedPairSet } from '../core/data/batch';
import { gatherBatch, TensorBatch } from '../core/data/batch';
import type { FrameworkModel } from '../core/frameworks/framework';
import type { JointModel } from '../core/frameworks/joint';
import { l2Normalize } from '../core/models/dense';

/** Rows embedded per call: bounds the memory a large evaluation set needs. */
const CHUNK = 256;

/**
 * Embeds every pair of `data` (caption 0 of each) with the model's image-only and text-only encoders, and
 * its sound-only encoder when the model has one. Returns [n, dim] row-major arrays, read back
 * asynchronously chunk by chunk.
 */
export async function embedSet(
  model: FrameworkModel,
  data: EncodedPairSet,
  seqLength: number,
): Promise<{ image: Float32Array; text: Float32Array; audio?: Float32Array; dim: number }> {
  const n = data.set.size;
  let image = new Float32Array(0);
  let text = new Float32Array(0);
  let audio: Float32Array | undefined;
  let dim = 0;
  for (let start = 0; start < n; start += CHUNK) {
    const indices = Int32Array.from({ length: Math.min(CHUNK, n - start) }, (_, i) => start + i);
    const codes = tf.tidy(() => {
      const batch = new TensorBatch(gatherBatch(data, indices), data.vocab.words.length, seqLength);
      const { image: x, text: y, audio: z } = model.embed(batch);
      return z ? [x, y, z] : [x, y];
    });
    if (dim === 0) {
      dim = codes[0].shape[1];
      image = new Float32Array(n * dim);
      text = new Float32Array(n * dim);
      if (codes.length === 3) audio = new Float32Array(n * dim);
    }
    const [xs, ys, zs] = await Promise.all(codes.map((c) => c.data()));
    image.set(xs, start * dim);
    text.set(ys, start * dim);
    if (audio && zs) audio.set(zs, start * dim);
    tf.dispose(codes);
  }
  return { image, text, ...(audio ? { audio } : {}), dim };
}

/**
 * The joint framework's codes of full pairs (image and caption fused) for every pair of `data`,
 * L2-normalised like the image-only and text-only codes so the three live on one sphere. [n, dim].
 */
export async function embedFused(
  model: JointModel,
  data: EncodedPairSet,
  seqLength: number,
): Promise<Float32Array> {
  const n = data.set.size;
  const parts: Float32Array[] = [];
  for (let start = 0; start < n; start += CHUNK) {
    const indices = Int32Array.from({ length: Math.min(CHUNK, n - start) }, (_, i) => start + i);
    const codes = tf.tidy(() =>
      l2Normalize(
        model.fused(new TensorBatch(gatherBatch(data, indices), data.vocab.words.length, seqLength)),
      ),
    );
    parts.push((await codes.data()) as Float32Array);
    codes.dispose();
  }
  const out = new Float32Array(parts.reduce((k, p) => k + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
