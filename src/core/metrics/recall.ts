import { assertPaired, type Embeddings } from './embeddings';
import { countAhead } from './retrievalScan';

/** Retrieval quality in one direction. r1/r5/r10 in [0, 1]; medianRank ≥ 1 (1 is best). */
export interface RecallScores {
  r1: number;
  r5: number;
  r10: number;
  medianRank: number;
}

/** Ranks of the same queries in both directions: i2t[r] of x's row rows[r] in y, t2i[r] of y's in x. */
export interface RetrievalRanks {
  i2t: Int32Array;
  t2i: Int32Array;
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
  const asked = askedRows(queries, gallery, keys, rows, 'semanticRanks');
  const { aheadX } = countAhead(queries, gallery, keyIds(keys), asked, null);
  return ranksOf(aheadX, queries.n, rows);
}

/**
 * semanticRanks both ways at once (i2t: x queries y; t2i: y queries x) for the queries `rows` (all by
 * default). The two directions read the same cosines (x_i·y_j), so each is computed once, not twice.
 */
export function retrievalRanks(
  x: Embeddings,
  y: Embeddings,
  keys: readonly string[],
  rows?: ArrayLike<number>,
): RetrievalRanks {
  const asked = askedRows(x, y, keys, rows, 'retrievalRanks');
  const { aheadX, aheadY } = countAhead(x, y, keyIds(keys), asked, asked);
  return { i2t: ranksOf(aheadX, x.n, rows), t2i: ranksOf(aheadY, x.n, rows) };
}

/** Small integer ids, [n]: equal keys get equal ids, so the inner loop compares numbers, not strings. */
export function keyIds(keys: readonly string[]): Int32Array {
  const ids = new Int32Array(keys.length);
  const seen = new Map<string, number>();
  for (let i = 0; i < keys.length; i++) {
    let id = seen.get(keys[i]);
    if (id === undefined) {
      id = seen.size;
      seen.set(keys[i], id);
    }
    ids[i] = id;
  }
  return ids;
}

/** Checks the inputs; returns a [n] mask of the rows to score. */
function askedRows(
  x: Embeddings,
  y: Embeddings,
  keys: readonly string[],
  rows: ArrayLike<number> | undefined,
  what: string,
): Uint8Array {
  assertPaired(x, y, what);
  if (keys.length !== x.n) throw new Error(`${what}: ${keys.length} keys for ${x.n} pairs`);
  const asked = new Uint8Array(x.n);
  if (!rows) return asked.fill(1);
  for (let r = 0; r < rows.length; r++) {
    const q = rows[r];
    if (!Number.isInteger(q) || q < 0 || q >= x.n)
      throw new Error(`${what}: row ${q} is not in 0..${x.n - 1}`);
    asked[q] = 1;
  }
  return asked;
}

/** Rank (ahead + 1) of each scored query, in the order of `rows`. */
function ranksOf(ahead: Int32Array, n: number, rows: ArrayLike<number> | undefined): Int32Array {
  const count = rows ? rows.length : n;
  const ranks = new Int32Array(count);
  for (let r = 0; r < count; r++) ranks[r] = ahead[rows ? rows[r] : r] + 1;
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
