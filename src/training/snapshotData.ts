import type { PairDataset } from '../core/data/pairs';
import type { ImportedDataset } from '../core/data/import';
import type { EvalSetInfo } from './protocol';

/** The evaluation set as bytes and strings for the page (thumbnails and captions on hover). */
export function evalSetInfo(dataset: PairDataset): EvalSetInfo {
  const set = dataset.eval;
  // Imported data (toDataset) says which import row each evaluation pair is; built-in data has no rows.
  const sourceRows = (dataset as Partial<ImportedDataset>).sourceRows?.eval;
  // Imported pairs are bytes already; generated ones are floats in [0, 1].
  const images = set.images instanceof Uint8Array ? set.images.slice() : new Uint8Array(set.images.length);
  if (set.images instanceof Float32Array)
    for (let i = 0; i < images.length; i++)
      images[i] = Math.round(Math.min(1, Math.max(0, set.images[i])) * 255);
  return {
    size: set.size,
    images,
    captions: set.captions.map((c) => c[0] ?? ''),
    keys: [...set.keys],
    heldOut: set.heldOut ? set.heldOut.slice() : new Uint8Array(set.size),
    ...(dataset.schema ? { schema: dataset.schema } : {}),
    ...(set.attributes ? { attributes: set.attributes.slice() } : {}),
    ...(sourceRows ? { sourceRows: sourceRows.slice() } : {}),
  };
}

/**
 * Cosine similarities of the first k images (rows) against the first k captions (columns).
 * image, text: [n, d] L2-normalised. Returns [k, k] row-major; true pairs on the diagonal.
 */
export function similarityBlock(image: Float32Array, text: Float32Array, d: number, k: number): Float32Array {
  const out = new Float32Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += image[i * d + c] * text[j * d + c];
      out[i * k + j] = s;
    }
  }
  return out;
}
