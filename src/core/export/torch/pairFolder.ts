/**
 * A PairSet as files in the Hugging Face imagefolder convention the app's import reads: one 32x32 PNG
 * per pair and a `metadata.jsonl` row per image with its captions (`text`, an array), its semantic key
 * (`key`), whether its combination was held out of training (`held_out`) and, when the set has them,
 * its attribute value indices (`attributes`, in the order of the schema's names). The extra columns let
 * the PyTorch export score retrieval by meaning and train on attributes, as the app does; the app's
 * import ignores them.
 */
import { IMAGE_LENGTH, IMAGE_SIZE, type PairSet } from '../../data/pairs';
import { encodePng } from '../png';

/** Image file name of pair i: zero-padded so the files sort in pair order. */
export function pairFileName(i: number, size: number): string {
  return `${String(i).padStart(Math.max(5, String(size - 1).length), '0')}.png`;
}

/** [32, 32, 3] floats in [0, 1] -> RGB bytes. */
function toBytes(pixels: Float32Array): Uint8Array {
  const out = new Uint8Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = Math.round(Math.min(1, Math.max(0, pixels[i])) * 255);
  return out;
}

/** The files of `set` by path under `folder` (no trailing slash). */
export function pairSetFiles(set: PairSet, folder: string): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const rows: string[] = [];
  const width = set.attributes ? set.attributes.length / set.size : 0;
  for (let i = 0; i < set.size; i++) {
    const name = pairFileName(i, set.size);
    const image = set.images.subarray(i * IMAGE_LENGTH, (i + 1) * IMAGE_LENGTH);
    const pixels = image instanceof Uint8Array ? image : toBytes(image);
    files[`${folder}/${name}`] = encodePng(pixels, IMAGE_SIZE, IMAGE_SIZE, 3);
    rows.push(
      JSON.stringify({
        file_name: name,
        text: set.captions[i],
        key: set.keys[i],
        held_out: set.heldOut?.[i] ?? 0,
        ...(set.attributes
          ? { attributes: Array.from(set.attributes.subarray(i * width, (i + 1) * width)) }
          : {}),
      }),
    );
  }
  files[`${folder}/metadata.jsonl`] = new TextEncoder().encode(rows.map((r) => `${r}\n`).join(''));
  return files;
}
