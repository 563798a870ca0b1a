/**
 * The inner loop of retrievalRanks: counts, over the n² cosines x_i·y_j, the gallery items ranked ahead
 * of each query in both directions. Plain typed-array arithmetic, no allocation per pair.
 */
import type { Embeddings } from './embeddings';

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
export function countAhead(
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
  // Asked x rows meet every y row; the others only the asked y rows. Two x rows at a time share loads.
  for (const [wanted, cols] of [
    [1, all],
    [0, askedY],
  ] as const) {
    if (cols.length === 0) continue;
    const xs = all.filter((i) => askX[i] === wanted);
    let r = 0;
    for (; r + 1 < xs.length; r += 2)
      scanPair(xd, xs[r], xs[r + 1], yd, d, cols, ids, bestX, bestY, aheadX, aheadY);
    if (r < xs.length) aheadX[xs[r]] = scanRow(xd, xs[r], yd, d, cols, ids, bestX[xs[r]], bestY, aheadY);
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
 * scanRow for x rows i0 and i1 at once (adds to aheadX[i0] and aheadX[i1]): eight sums of four y rows by
 * two x rows, each its own sum in k order. Handles cols in fours and the rest one at a time.
 */
function scanPair(
  xd: Float64Array,
  i0: number,
  i1: number,
  yd: Float64Array,
  d: number,
  cols: Int32Array,
  ids: Int32Array,
  bestX: Float64Array,
  bestY: Float64Array,
  aheadX: Int32Array,
  aheadY: Int32Array,
): void {
  const a0 = i0 * d;
  const a1 = i1 * d;
  const id0 = ids[i0];
  const id1 = ids[i1];
  const best0 = bestX[i0];
  const best1 = bestX[i1];
  const m = cols.length;
  let ahead0 = 0;
  let ahead1 = 0;
  let c = 0;
  for (; c + 3 < m; c += 4) {
    const j0 = cols[c + 0];
    const j1 = cols[c + 1];
    const j2 = cols[c + 2];
    const j3 = cols[c + 3];
    const b0 = j0 * d;
    const b1 = j1 * d;
    const b2 = j2 * d;
    const b3 = j3 * d;
    let s00 = 0;
    let s01 = 0;
    let s02 = 0;
    let s03 = 0;
    let s10 = 0;
    let s11 = 0;
    let s12 = 0;
    let s13 = 0;
    for (let k = 0; k < d; k++) {
      const u = xd[a0 + k];
      const v = xd[a1 + k];
      const w0 = yd[b0 + k];
      const w1 = yd[b1 + k];
      const w2 = yd[b2 + k];
      const w3 = yd[b3 + k];
      s00 += u * w0;
      s01 += u * w1;
      s02 += u * w2;
      s03 += u * w3;
      s10 += v * w0;
      s11 += v * w1;
      s12 += v * w2;
      s13 += v * w3;
    }
    if (ids[j0] !== id0) ahead0 += tally(s00, best0, j0, bestY, aheadY);
    if (ids[j1] !== id0) ahead0 += tally(s01, best0, j1, bestY, aheadY);
    if (ids[j2] !== id0) ahead0 += tally(s02, best0, j2, bestY, aheadY);
    if (ids[j3] !== id0) ahead0 += tally(s03, best0, j3, bestY, aheadY);
    if (ids[j0] !== id1) ahead1 += tally(s10, best1, j0, bestY, aheadY);
    if (ids[j1] !== id1) ahead1 += tally(s11, best1, j1, bestY, aheadY);
    if (ids[j2] !== id1) ahead1 += tally(s12, best1, j2, bestY, aheadY);
    if (ids[j3] !== id1) ahead1 += tally(s13, best1, j3, bestY, aheadY);
  }
  for (; c < m; c++) {
    const j = cols[c];
    const s0 = dot(xd, a0, yd, j * d, d);
    const s1 = dot(xd, a1, yd, j * d, d);
    if (ids[j] !== id0) ahead0 += tally(s0, best0, j, bestY, aheadY);
    if (ids[j] !== id1) ahead1 += tally(s1, best1, j, bestY, aheadY);
  }
  aheadX[i0] = ahead0;
  aheadX[i1] = ahead1;
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

/**
 * One score s = x_i·y_j of different keys: counts it for query y_j, and returns 1 if it is ahead for x_i.
 * Without branches (+boolean): whether a score reaches a best is close to a coin toss for a weak model,
 * and a mispredicted branch per pair cost a third of the scan's time.
 */
function tally(s: number, bestI: number, j: number, bestY: Float64Array, aheadY: Int32Array): number {
  aheadY[j] += +(s >= bestY[j]);
  return +(s >= bestI);
}
