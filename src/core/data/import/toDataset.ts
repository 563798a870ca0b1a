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

/** Rows of an import: to train on (in import order) and to evaluate on (in seeded random order). */
export interface ImportSplit {
  readonly train: Int32Array;
  readonly eval: Int32Array;
}

/** The split's images: [rows, 32, 32, 3] bytes for each side, row i being image `split[side][i]`. */
export interface SplitImages {
  readonly train: Uint8Array;
  readonly eval: Uint8Array;
}

/** The images of `rows`, [rows.length, 32, 32, 3] bytes. */
function gatherRows(images: Uint8Array, rows: Int32Array): Uint8Array {
  const out = new Uint8Array(rows.length * IMAGE_LENGTH);
  rows.forEach((r, i) =>
    out.set(images.subarray(r * IMAGE_LENGTH, (r + 1) * IMAGE_LENGTH), i * IMAGE_LENGTH),
  );
  return out;
}

/**
 * The pairs of `rows`, with their images gathered already. Images stay bytes (a quarter of the floats'
 * memory: 307 MB rather than 1.2 GB at 100,000 pairs); batches convert them to floats (`imageFloats`).
 */
function subset(
  pairs: Omit<ImportedPairs, 'images'>,
  rows: Int32Array,
  images: Uint8Array,
  keys: readonly string[],
): PairSet {
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

/**
 * Which of `n` imported images train and which evaluate, seeded. Throws an Error in words a user can act
 * on when there are too few images to split.
 */
export function splitImport(
  n: number,
  options: Pick<ToDatasetOptions, 'seed' | 'evalFraction'>,
): ImportSplit {
  const { seed, evalFraction = 0.2 } = options;
  if (n < MIN_IMPORTED_IMAGES) {
    throw new Error(
      `Only ${n} usable image${n === 1 ? '' : 's'}: at least ${MIN_IMPORTED_IMAGES} are needed (2 to train on, 2 to evaluate).`,
    );
  }
  if (!(evalFraction > 0 && evalFraction < 1))
    throw new Error(`evalFraction must be in (0, 1), got ${evalFraction}`);
  const order = createRng(seed).shuffle(Int32Array.from({ length: n }, (_, i) => i));
  const nEval = Math.min(n - 2, Math.max(2, Math.round(n * evalFraction)));
  // Training rows keep the import's (path) order. Evaluation rows stay in the seeded shuffled order, so
  // any first k of them are a fair sample (a large set is evaluated on its first rows between full
  // evaluations) rather than the first folder. Same seed, same rows in the same order.
  return { train: order.slice(nEval).sort(), eval: order.slice(0, nEval) };
}

/** Throws an Error in words a user can act on when there are too few images to split. */
export function toDataset(pairs: ImportedPairs, options: ToDatasetOptions): ImportedDataset {
  const split = splitImport(pairs.size, options);
  const images = { train: gatherRows(pairs.images, split.train), eval: gatherRows(pairs.images, split.eval) };
  return splitDataset(pairs, split, images, options);
}

/**
 * The dataset of `split` (from `splitImport` with the same options), its images gathered by the caller:
 * the training worker reads a stored import's pixels a chunk at a time into them, so the whole column is
 * never held beside its copy (307 MB rather than 614 MB at 100,000 pairs).
 */
export function splitDataset(
  pairs: Omit<ImportedPairs, 'images'>,
  split: ImportSplit,
  images: SplitImages,
  options: ToDatasetOptions,
): ImportedDataset {
  const { keyBy = 'image', name = 'Imported pairs' } = options;
  for (const side of ['train', 'eval'] as const)
    if (images[side].length !== split[side].length * IMAGE_LENGTH)
      throw new Error(`splitDataset: ${images[side].length} bytes for ${split[side].length} ${side} images`);
  const keys =
    keyBy === 'image'
      ? pairs.paths
      : pairs.captions.map((c, i) => tokenize(c[0] ?? '').join(' ') || `image:${pairs.paths[i]}`);
  return {
    name,
    train: subset(pairs, split.train, images.train, keys),
    eval: subset(pairs, split.eval, images.eval, keys),
    sourceRows: { train: split.train, eval: split.eval },
  };
}
