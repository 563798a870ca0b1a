import { assertPaired, dotRows, type Embeddings } from './embeddings';

/** Retrieval quality in one direction. r1/r5/r10 in [0, 1]; medianRank ≥ 1 (1 is best). */
export interface RecallScores {
  r1: number;
  r5: number;
  r10: number;
  medianRank: number;
}

/**
 * Semantic retrieval ranks. For each query i (a row of `queries`) the gallery rows are ranked by cosine;
 * the rank is the position of the first gallery item whose key equals the query's key (1-based). Many
 * items share one meaning in a procedural dataset, so retrieving any of them is a hit.
 *
 * Ties count against the query (a gallery item scoring exactly as high as the best match is ranked ahead
 * of it), so a collapsed model whose embeddings are all equal scores rank n, not 1.
 *
 * queries: [n, d] and gallery: [n, d] L2-normalised with row i of one paired to row i of the other;
 * keys[i] is the semantic key of pair i; `rows` picks which queries to score (all by default).
 * Returns one rank per scored query.
 */
export function semanticRanks(
  queries: Embeddings,
  gallery: Embeddings,
  keys: readonly string[],
  rows?: ArrayLike<number>,
): Int32Array {
  assertPaired(queries, gallery, 'semanticRanks');
  if (keys.length !== queries.n) throw new Error(`semanticRanks: ${keys.length} keys for ${queries.n} pairs`);
  const count = rows ? rows.length : queries.n;
  const ranks = new Int32Array(count);
  const scores = new Float64Array(gallery.n);
  for (let r = 0; r < count; r++) {
    const q = rows ? rows[r] : r;
    let best = -Infinity;
    for (let j = 0; j < gallery.n; j++) {
      const s = dotRows(queries, q, gallery, j);
      scores[j] = s;
      if (keys[j] === keys[q] && s > best) best = s;
    }
    let ahead = 0;
    for (let j = 0; j < gallery.n; j++) if (keys[j] !== keys[q] && scores[j] >= best) ahead++;
    ranks[r] = ahead + 1;
  }
  return ranks;
}

/** Recall@1/5/10 and the median rank from a list of ranks. Empty input gives NaN scores. */
export function recallFromRanks(ranks: Int32Array): RecallScores {
  const n = ranks.length;
  if (n === 0) return { r1: NaN, r5: NaN, r10: NaN, medianRank: NaN };
  const within = (k: number) => ranks.reduce((c, r) => c + (r <= k ? 1 : 0), 0) / n;
  const sorted = Int32Array.from(ranks).sort();
  const mid = n >> 1;
  const medianRank = n % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { r1: within(1), r5: within(5), r10: within(10), medianRank };
}
