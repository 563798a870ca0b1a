import { embeddings, type Embeddings } from './embeddings';
import { coneCosine, modalityGap, pairCosine } from './gap';
import { alignment, uniformity } from './alignmentUniformity';
import { recallFromRanks, retrievalRanks, type RecallScores, type RetrievalRanks } from './recall';
import type { ModalityMetrics } from './pairMetrics';

/** Retrieval in both directions on one split of the evaluation set. */
export interface SplitMetrics {
  /** Number of query pairs in this split. */
  count: number;
  gap: number;
  alignment: number;
  pairCosine: number;
  /** Image query, caption gallery. */
  i2t: RecallScores;
  /** Caption query, image gallery. */
  t2i: RecallScores;
}

/**
 * The metrics that measure the heterogeneity gap, shared by every framework (M in the runner's JSON).
 * Over the whole evaluation set, plus retrieval per split. The gallery is always the whole set, so a
 * held-out query competes against seen items too. A run with other modalities than image and text also
 * carries the metrics of every pair of its modalities (ModalityMetrics: `modalities`, `pairs`, `cones`,
 * `uniformity`); the fields above then still describe the image–text pair.
 */
export interface GapMetrics extends Partial<ModalityMetrics> {
  gap: number;
  alignment: number;
  pairCosine: number;
  uniformityImage: number;
  uniformityText: number;
  coneImage: number;
  coneText: number;
  seen: SplitMetrics;
  heldOut: SplitMetrics;
}

/**
 * image, text: [n * d] row-major, L2-normalised, row i of each from pair i. keys: semantic key per pair.
 * heldOut: 1 for pairs whose combination was held out of training (absent: every pair is 'seen').
 */
export function computeGapMetrics(
  image: Float32Array,
  text: Float32Array,
  d: number,
  keys: readonly string[],
  heldOut?: Uint8Array,
): GapMetrics {
  const x = embeddings(image, d);
  const y = embeddings(text, d);
  const seenRows: number[] = [];
  const heldRows: number[] = [];
  for (let i = 0; i < x.n; i++) (heldOut && heldOut[i] ? heldRows : seenRows).push(i);
  // Both splits query the whole gallery: one pass over the n² cosines ranks every pair both ways.
  const ranks = retrievalRanks(x, y, keys);
  return {
    gap: modalityGap(x, y),
    alignment: alignment(x, y),
    pairCosine: pairCosine(x, y),
    uniformityImage: uniformity(x),
    uniformityText: uniformity(y),
    coneImage: coneCosine(x),
    coneText: coneCosine(y),
    seen: splitMetrics(x, y, keys, seenRows, ranks),
    heldOut: splitMetrics(x, y, keys, heldRows, ranks),
  };
}

/**
 * Gap, alignment and retrieval both ways over `rows` of x and y (i2t: x queries y). allRanks: the ranks of
 * every row (retrievalRanks without rows), when already computed for another split.
 */
export function splitMetrics(
  x: Embeddings,
  y: Embeddings,
  keys: readonly string[],
  rows: number[],
  allRanks?: RetrievalRanks,
): SplitMetrics {
  if (rows.length === 0) {
    const none = recallFromRanks(new Int32Array(0));
    return { count: 0, gap: NaN, alignment: NaN, pairCosine: NaN, i2t: none, t2i: none };
  }
  const pick = (all: Int32Array) => Int32Array.from(rows, (i) => all[i]);
  const ranks = allRanks
    ? { i2t: pick(allRanks.i2t), t2i: pick(allRanks.t2i) }
    : retrievalRanks(x, y, keys, rows);
  return {
    count: rows.length,
    gap: modalityGap(x, y, rows),
    alignment: alignment(x, y, rows),
    pairCosine: pairCosine(x, y, rows),
    i2t: recallFromRanks(ranks.i2t),
    t2i: recallFromRanks(ranks.t2i),
  };
}
