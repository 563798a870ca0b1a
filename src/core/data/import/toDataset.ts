/**
 * Imported pairs as a PairDataset: a seeded split by image into training and evaluation pairs.
 *
 * Semantic keys (which retrievals count as hits): by default each image is its own meaning
 * (`keyBy: 'image'`, key = the image's path), the honest choice for free-form captions, where two
 * different sentences rarely mean exactly the same. With `keyBy: 'caption'` the key is the first
 * caption's normalised words, so images captioned identically (a folder of 'cat-1.png', 'cat-2.png' named
 * by their files) count as one meaning and retrieving any of them is a hit. Imported data has no
 * attributes, so there is no schema and no held-out split: `heldOut` is all zeros.
 */
import { createRng } from '../../random/rng';
import { tokenize } from '../../text/tokenize';
import { AUDIO_LENGTH, IMAGE_LENGTH, type PairDataset, type PairSet } from '../pairs';
import { fromInt16 } from '../../audio/decodeWav';
import { logMelSpectrogram } from '../../audio/logMel';
import type { ImportedPairs } from './decodeItems';

export interface ToDatasetOptions {
  /** Seeds the split. */
  readonly seed: number;
  /** Share of images held for evaluation, in (0, 1); default 0.2. At least 2 images go to each side. */
  readonly evalFraction?: number;
  /** What makes two images mean the same thing (see above); default 'image'. */
  readonly keyBy?: 'image' | 'caption';
  /** Shown in the app and the runner; default 'Imported pairs'. */
  readonly name?: string;
}

/** A dataset from imported pairs, with each split's rows' indices into the ImportedPairs (for thumbnails). */
export interface ImportedDataset extends PairDataset {
  readonly sourceRows: { readonly train: Int32Array; readonly eval: Int32Array };
}

/** The smallest import that can train and be evaluated: two pairs on each side. */
export const MIN_IMPORTED_IMAGES = 4;

/**
 * The pairs of `rows`. Images stay bytes (a quarter of the floats' memory: 307 MB rather than 1.2 GB at
 * 100,000 pairs); batches convert them to floats (see `imageFloats` in pairs.ts).
 */
function subset(pairs: ImportedPairs, rows: Int32Array, keys: readonly string[]): PairSet {
  const images = new Uint8Array(rows.length * IMAGE_LENGTH);
  rows.forEach((r, i) =>
    images.set(pairs.images.subarray(r * IMAGE_LENGTH, (r + 1) * IMAGE_LENGTH), i * IMAGE_LENGTH),
  );
  // Sound only when every image has one: a column with holes would teach the model silence.
  const { sounds } = pairs;
  let audio: Float32Array | undefined;
  if (sounds && sounds.every((s) => s !== null)) {
    const column = new Float32Array(rows.length * AUDIO_LENGTH);
    rows.forEach((r, i) => logMelSpectrogram(fromInt16(sounds[r]), column, i * AUDIO_LENGTH));
    audio = column;
  }
  return {
    size: rows.length,
    images,
    ...(audio ? { audio } : {}),
    captions: Array.from(rows, (r) => pairs.captions[r]),
    keys: Array.from(rows, (r) => keys[r]),
    heldOut: new Uint8Array(rows.length),
  };
}

/** Throws an Error in words a user can act on when there are too few images to split. */
export function toDataset(pairs: ImportedPairs, options: ToDatasetOptions): ImportedDataset {
  const { seed, evalFraction = 0.2, keyBy = 'image', name = 'Imported pairs' } = options;
  const n = pairs.size;
  if (n < MIN_IMPORTED_IMAGES) {
    throw new Error(
      `Only ${n} usable image${n === 1 ? '' : 's'}: at least ${MIN_IMPORTED_IMAGES} are needed (2 to train on, 2 to evaluate).`,
    );
  }
  if (!(evalFraction > 0 && evalFraction < 1))
    throw new Error(`evalFraction must be in (0, 1), got ${evalFraction}`);
  const keys =
    keyBy === 'image'
      ? pairs.paths
      : pairs.captions.map((c, i) => tokenize(c[0] ?? '').join(' ') || `image:${pairs.paths[i]}`);
  const order = createRng(seed).shuffle(Int32Array.from({ length: n }, (_, i) => i));
  const nEval = Math.min(n - 2, Math.max(2, Math.round(n * evalFraction)));
  // Training rows keep the import's (path) order. Evaluation rows stay in the seeded shuffled order, so
  // any first k of them are a fair sample (a large set is evaluated on its first rows between full
  // evaluations) rather than the first folder. Same seed, same rows in the same order.
  const evalRows = order.slice(0, nEval);
  const trainRows = order.slice(nEval).sort();
  return {
    name,
    train: subset(pairs, trainRows, keys),
    eval: subset(pairs, evalRows, keys),
    sourceRows: { train: trainRows, eval: evalRows },
  };
}
