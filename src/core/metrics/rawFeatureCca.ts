import { Matrix } from 'ml-matrix';
import { leadingEigenvectors } from '../linalg/leadingEigenvectors';
import { summariseCca, type CcaSummary } from './cca';
import { IMAGE_CHANNELS, IMAGE_LENGTH, IMAGE_SIZE, imageFloats, type ImageColumn } from '../data/pairs';

/**
 * Side of the square blocks an image is averaged over: 32×32×3 pixels become 8×8×3 = 192 features.
 * Block means keep each region's colour, and so the size and position of what is drawn, which is what a
 * caption describes; and 192 features (rather than 3072) make the covariance and its eigendecomposition
 * cheap enough to compute in a few milliseconds.
 */
export const POOL = 4;

/** Most words a caption's bag of words keeps: the most frequent ones, so a large vocabulary stays cheap. */
export const MAX_WORDS = 192;

/** An eigenvalue below this share of the largest is a direction the view does not vary in. */
const FLAT = 1e-10;

const POOLED_SIZE = IMAGE_SIZE / POOL;
/** Width of a pooled image, 8 · 8 · 3 = 192. */
export const POOLED_LENGTH = POOLED_SIZE * POOLED_SIZE * IMAGE_CHANNELS;

/** images: [n, 32, 32, 3] row-major. Returns [n, 8, 8, 3]: each channel averaged over 4×4 blocks. */
export function poolImages(images: ImageColumn): Float64Array {
  const n = images.length / IMAGE_LENGTH;
  if (!Number.isInteger(n)) {
    throw new Error(`poolImages: ${images.length} numbers are not whole ${IMAGE_SIZE}×${IMAGE_SIZE} images`);
  }
  // Where each pixel's channels land in the pooled image, computed once for all images.
  const target = Int32Array.from({ length: IMAGE_SIZE * IMAGE_SIZE }, (_, p) => {
    const y = Math.floor(p / IMAGE_SIZE);
    const x = p % IMAGE_SIZE;
    return (Math.floor(y / POOL) * POOLED_SIZE + Math.floor(x / POOL)) * IMAGE_CHANNELS;
  });
  const out = new Float64Array(n * POOLED_LENGTH);
  for (let i = 0; i < n; i++) {
    // One image's floats at a time: a byte column is never converted whole.
    const image = imageFloats(images, i, i + 1);
    for (let p = 0; p < target.length; p++) {
      const from = p * IMAGE_CHANNELS;
      const to = i * POOLED_LENGTH + target[p];
      for (let c = 0; c < IMAGE_CHANNELS; c++) out[to + c] = out[to + c] + image[from + c];
    }
  }
  return out.map((v) => v / (POOL * POOL));
}

/**
 * Word counts of each caption, [n, words.length], over the `MAX_WORDS` most frequent words of these
 * captions (ties: the lower id); `words` lists their ids. A word no caption uses carries no information.
 */
export function wordCounts(
  captions: readonly Int32Array[],
  vocabSize: number,
): { counts: Float64Array; words: number[] } {
  const frequency = new Float64Array(vocabSize);
  for (const ids of captions) {
    for (const id of ids) {
      if (!(id >= 0 && id < vocabSize)) {
        throw new Error(`wordCounts: word id ${id} is outside the vocabulary of ${vocabSize} words`);
      }
      frequency[id] = frequency[id] + 1;
    }
  }
  const words = Array.from({ length: vocabSize }, (_, id) => id)
    .filter((id) => frequency[id] > 0)
    .sort((a, b) => frequency[b] - frequency[a] || a - b)
    .slice(0, MAX_WORDS)
    .sort((a, b) => a - b);
  const column = new Int32Array(vocabSize).fill(-1);
  words.forEach((id, j) => (column[id] = j));
  const counts = new Float64Array(captions.length * words.length);
  captions.forEach((ids, i) => {
    for (const id of ids) {
      const j = column[id];
      if (j >= 0) counts[i * words.length + j] = counts[i * words.length + j] + 1;
    }
  });
  return { counts, words };
}

/**
 * The centred data projected on its `k` leading principal components, [n, components] row-major, from
 * the covariance [d, d] and its leading eigenvectors (`leadingEigenvectors`). Components in which the data does not vary
 * are left out, so `components` ≤ min(k, d, rank). Null when the data does not vary at all.
 */
export function principalComponents(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
): { scores: Float32Array; components: number } | null {
  // Exactly, before rounding in the mean can make identical rows look as if they varied a little.
  if (data.every((v, i) => v === data[i % d])) return null;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) mean[f] = mean[f] + data[i * d + f];
  for (let f = 0; f < d; f++) mean[f] = mean[f] / n;
  const centred = new Float64Array(n * d);
  for (let i = 0; i < n * d; i++) centred[i] = data[i] - mean[i % d];
  // Upper triangle, row by row: n·d²/2 multiply-adds on flat arrays (192 features, 512 pairs: ~10M).
  const cov = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    for (let a = 0; a < d; a++) {
      const xa = centred[row + a];
      if (xa === 0) continue; // word counts are mostly zeros
      for (let b = a; b < d; b++) cov[a * d + b] = cov[a * d + b] + xa * centred[row + b];
    }
  }
  const sigma = new Matrix(d, d);
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      const v = cov[a * d + b] / Math.max(n - 1, 1);
      sigma.set(a, b, v);
      sigma.set(b, a, v);
    }
  }
  const { values, vectors: q } = leadingEigenvectors(sigma, k);
  const largest = values[0];
  if (!(largest > 0)) return null;
  const kept = values.map((_, j) => j).filter((j) => values[j] > largest * FLAT);
  const c = kept.length;
  // The kept eigenvectors as flat rows [c, d], so the projection's inner loop reads one typed array.
  const w = new Float64Array(c * d);
  kept.forEach((col, j) => {
    for (let f = 0; f < d; f++) w[j * d + f] = q.get(f, col);
  });
  const scores = new Float32Array(n * c);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < c; j++) {
      let s = 0;
      for (let f = 0; f < d; f++) s += centred[i * d + f] * w[j * d + f];
      scores[i * c + j] = s;
    }
  }
  return { scores, components: c };
}

/**
 * Linear CCA on the raw features of paired images and captions: the baseline Deep CCA has to beat.
 * images: [n, 32, 32, 3]; captionIds: the word ids of one caption per pair (n of them). Images become
 * 4×4 block means (`poolImages`), captions word counts (`wordCounts`); each view is reduced to its `k`
 * leading principal components (fewer when it varies in fewer directions, and at most n − 1 so that
 * there are more pairs than dimensions), then `summariseCca` with ridge `reg` reports the canonical
 * correlations of the reduced views (min of their widths). `{ problem }` says why when it cannot.
 */
export function rawFeatureCca(
  images: ImageColumn,
  captionIds: readonly Int32Array[],
  vocabSize: number,
  k: number,
  reg: number,
): CcaSummary | { problem: string } {
  const n = captionIds.length;
  if (images.length !== n * IMAGE_LENGTH) {
    throw new Error(`rawFeatureCca: ${images.length} image numbers for ${n} captions`);
  }
  if (n < 2) {
    return { problem: `Linear CCA on raw features needs at least 2 pairs; the evaluation set has ${n}.` };
  }
  const keep = Math.min(k, n - 1);
  const pixels = principalComponents(poolImages(images), n, POOLED_LENGTH, keep);
  if (!pixels)
    return { problem: 'The evaluation images are all the same: linear CCA has nothing to correlate.' };
  const bag = wordCounts(captionIds, vocabSize);
  const words = principalComponents(bag.counts, n, bag.words.length, keep);
  if (!words)
    return { problem: 'The evaluation captions are all the same: linear CCA has nothing to correlate.' };
  return summariseCca(pixels.scores, words.scores, pixels.components, words.components, { reg });
}
