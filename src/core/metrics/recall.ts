import { assertPaired, type Embeddings } from './embeddings';

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

/**
 * For each x row i with askX[i]: how many y rows of another key score x_i·y_j ≥ the best score of a y row
 * sharing i's key (aheadX[i]); the same for each y row j with askY[j] against x (aheadY[j]).
 *
 * Every score is Σ_k x[i,k]·y[j,k] summed in float64 in k order, exactly as dotRows does; a product is
 * commutative and exact in float64, so y_j·x_i gives the same bits and the two directions rank exactly as
 * two separate passes of dotRows would, ties included. The best same-key scores are found first (over
 * each key's group: Σ group² products), so one pass over the n² scores counts both directions and no
 * score matrix is kept.
 */
function countAhead(
  x: Embeddings,
  y: Embeddings,
  ids: Int32Array,
  askX: Uint8Array,
  askY: Uint8Array | null,
): { aheadX: Int32Array; aheadY: Int32Array } {
  const n = x.n;
  const d = x.d;
  // float64 copies: the same values (float32 widens exactly), cheaper to read in the inner loop.
  const xd = Float64Array.from(x.data);
  const yd = Float64Array.from(y.data);
  // NaN for rows not asked: `s >= NaN` is false, so the inner loop needs no test of its own.
  const bestX = new Float64Array(n).fill(NaN);
  const bestY = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    if (askX[i]) bestX[i] = -Infinity;
    if (askY?.[i]) bestY[i] = -Infinity;
  }
  const { order, start } = groupsOf(ids);
  for (let g = 0; g + 1 < start.length; g++) {
    for (let a = start[g]; a < start[g + 1]; a++) {
      const i = order[a];
      for (let b = start[g]; b < start[g + 1]; b++) {
        const j = order[b];
        const s = dot(xd, i * d, yd, j * d, d);
        if (s > bestX[i]) bestX[i] = s;
        if (s > bestY[j]) bestY[j] = s;
      }
    }
  }
  const all = Int32Array.from({ length: n }, (_, j) => j);
  const askedY = askY ? all.filter((j) => askY[j] === 1) : new Int32Array(0);
  const aheadX = new Int32Array(n);
  const aheadY = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const cols = askX[i] ? all : askedY;
    if (cols.length > 0) aheadX[i] = scanRow(xd, i, yd, d, cols, ids, bestX[i], bestY, aheadY);
  }
  return { aheadX, aheadY };
}

/** Row ids grouped by key id: the rows of group g are order[start[g] .. start[g+1]). */
function groupsOf(ids: Int32Array): { order: Int32Array; start: Int32Array } {
  let groups = 0;
  for (let i = 0; i < ids.length; i++) groups = Math.max(groups, ids[i] + 1);
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < ids.length; i++) start[ids[i] + 1]++;
  for (let g = 0; g < groups; g++) start[g + 1] += start[g];
  const fill = start.slice(0, groups);
  const order = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) order[fill[ids[i]]++] = i;
  return { order, start };
}

/** Σ_k a[ai+k]·b[bj+k] in k order: dotRows' arithmetic. */
function dot(a: Float64Array, ai: number, b: Float64Array, bj: number, d: number): number {
  let s = 0;
  for (let k = 0; k < d; k++) s += a[ai + k] * b[bj + k];
  return s;
}

/**
 * Scores x row i against the y rows `cols`; adds 1 to aheadY[j] where the score of another key reaches
 * bestY[j], and returns how many such scores reach bestI. Four y rows at a time, each its own sum in k
 * order (the same bits as one at a time; the four sums just overlap in the pipeline).
 */
function scanRow(
  xd: Float64Array,
  i: number,
  yd: Float64Array,
  d: number,
  cols: Int32Array,
  ids: Int32Array,
  bestI: number,
  bestY: Float64Array,
  aheadY: Int32Array,
): number {
  const ai = i * d;
  const id = ids[i];
  const m = cols.length;
  let ahead = 0;
  let c = 0;
  for (; c + 3 < m; c += 4) {
    const j0 = cols[c];
    const j1 = cols[c + 1];
    const j2 = cols[c + 2];
    const j3 = cols[c + 3];
    const b0 = j0 * d;
    const b1 = j1 * d;
    const b2 = j2 * d;
    const b3 = j3 * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < d; k++) {
      const v = xd[ai + k];
      s0 += v * yd[b0 + k];
      s1 += v * yd[b1 + k];
      s2 += v * yd[b2 + k];
      s3 += v * yd[b3 + k];
    }
    if (ids[j0] !== id) ahead += tally(s0, bestI, j0, bestY, aheadY);
    if (ids[j1] !== id) ahead += tally(s1, bestI, j1, bestY, aheadY);
    if (ids[j2] !== id) ahead += tally(s2, bestI, j2, bestY, aheadY);
    if (ids[j3] !== id) ahead += tally(s3, bestI, j3, bestY, aheadY);
  }
  for (; c < m; c++) {
    const j = cols[c];
    const s = dot(xd, ai, yd, j * d, d);
    if (ids[j] !== id) ahead += tally(s, bestI, j, bestY, aheadY);
  }
  return ahead;
}

/** One score s = x_i·y_j of different keys: counts it for query y_j, and returns 1 if it is ahead for x_i. */
function tally(s: number, bestI: number, j: number, bestY: Float64Array, aheadY: Int32Array): number {
  if (s >= bestY[j]) aheadY[j]++;
  return s >= bestI ? 1 : 0;
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
