/**
 * Exact k-nearest neighbours under Euclidean distance, for the UMAP graph.
 *
 * umap-js finds neighbours with NN-descent over random-projection trees, which is approximate, draws on
 * the random stream and builds `number[][]` structures; at the sizes the app projects (a few thousand
 * rows of width 32-128) an exact scan over a Float32Array is both faster and the same on every run.
 */

/** Neighbour lists in columns: row i's neighbours are indices[i*k .. i*k+k), nearest first. */
export interface NeighbourGraph {
  readonly n: number;
  readonly k: number;
  /** [n, k] row indices; column 0 is the row itself (distance 0), as umap-js expects. */
  readonly indices: Int32Array;
  /** [n, k] Euclidean distances, ascending per row. */
  readonly distances: Float32Array;
}

/**
 * Exact kNN of the n rows of `data` ([n, d], row-major), each row counting itself as its first
 * neighbour. Cost n²·d/2 multiply-adds: every pair is scored once and offered to both rows' heaps.
 * Ties are broken by the lower index, so the result does not depend on scan order.
 */
export function exactKnn(data: Float32Array, n: number, d: number, k: number): NeighbourGraph {
  if (data.length !== n * d) throw new Error(`exactKnn: data has ${data.length} values, expected ${n}x${d}`);
  if (k < 1 || k > n) throw new Error(`exactKnn: k=${k} must be in [1, ${n}]`);
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < d; c++) s += data[i * d + c] ** 2;
    norms[i] = s;
  }
  // One max-heap of squared distances per row (root = current worst), stored flat.
  const heapDist = new Float64Array(n * k).fill(Infinity);
  const heapIdx = new Int32Array(n * k).fill(-1);
  for (let i = 0; i < n; i++) {
    offer(heapDist, heapIdx, i * k, k, 0, i);
    const oi = i * d;
    for (let j = i + 1; j < n; j++) {
      const oj = j * d;
      const dot = rowDot(data, oi, oj, d);
      // |a-b|² via norms; clamp the rounding error that can make near-duplicates slightly negative.
      const d2 = Math.max(norms[i] + norms[j] - 2 * dot, 0);
      if (d2 < heapDist[i * k] || (d2 === heapDist[i * k] && j < heapIdx[i * k]))
        offer(heapDist, heapIdx, i * k, k, d2, j);
      if (d2 < heapDist[j * k] || (d2 === heapDist[j * k] && i < heapIdx[j * k]))
        offer(heapDist, heapIdx, j * k, k, d2, i);
    }
  }
  return sortHeaps(heapDist, heapIdx, n, k);
}

/** Dot product of the rows starting at offsets a and b, unrolled by 4 (the scan's inner loop). */
function rowDot(x: Float32Array, a: number, b: number, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let c = 0;
  for (; c + 3 < d; c += 4) {
    s0 += x[a + c] * x[b + c];
    s1 += x[a + c + 1] * x[b + c + 1];
    s2 += x[a + c + 2] * x[b + c + 2];
    s3 += x[a + c + 3] * x[b + c + 3];
  }
  for (; c < d; c++) s0 += x[a + c] * x[b + c];
  return s0 + s1 + s2 + s3;
}

/** Is (da, ia) worse than (db, ib)? Larger distance, then larger index. */
function worse(da: number, ia: number, db: number, ib: number): boolean {
  return da > db || (da === db && ia > ib);
}

/** Replaces the root of the max-heap at `base` with (dist, idx) and sifts it down. */
function offer(hd: Float64Array, hi: Int32Array, base: number, k: number, dist: number, idx: number): void {
  if (!worse(hd[base], hi[base], dist, idx)) return;
  let pos = 0;
  for (;;) {
    const left = 2 * pos + 1;
    if (left >= k) break;
    let child = left;
    const right = left + 1;
    if (right < k && worse(hd[base + right], hi[base + right], hd[base + left], hi[base + left]))
      child = right;
    if (!worse(hd[base + child], hi[base + child], dist, idx)) break;
    hd[base + pos] = hd[base + child];
    hi[base + pos] = hi[base + child];
    pos = child;
  }
  hd[base + pos] = dist;
  hi[base + pos] = idx;
}

/** Turns the heaps into ascending lists of Euclidean (not squared) distances. */
function sortHeaps(hd: Float64Array, hi: Int32Array, n: number, k: number): NeighbourGraph {
  const indices = new Int32Array(n * k);
  const distances = new Float32Array(n * k);
  const order = Array.from({ length: k }, (_, t) => t);
  for (let i = 0; i < n; i++) {
    const base = i * k;
    order.sort((a, b) => {
      const da = hd[base + a];
      const db = hd[base + b];
      return da - db || hi[base + a] - hi[base + b];
    });
    for (let t = 0; t < k; t++) {
      const src = base + order[t];
      indices[base + t] = hi[src];
      distances[base + t] = Math.sqrt(hd[src]);
    }
    // The row itself scores 0 but a duplicate row may tie with it: keep self first, as umap-js assumes.
    const self = indices.subarray(base, base + k).indexOf(i);
    if (self > 0) {
      indices.copyWithin(base + 1, base, base + self);
      indices[base] = i;
    }
    for (let t = 0; t < k; t++) order[t] = t;
  }
  return { n, k, indices, distances };
}

/** The graph as umap-js's `setPrecomputedKNN` wants it: one plain array per row. */
export function toNestedLists(graph: NeighbourGraph): { indices: number[][]; distances: number[][] } {
  const indices: number[][] = [];
  const distances: number[][] = [];
  for (let i = 0; i < graph.n; i++) {
    indices.push(Array.from(graph.indices.subarray(i * graph.k, (i + 1) * graph.k)));
    distances.push(Array.from(graph.distances.subarray(i * graph.k, (i + 1) * graph.k)));
  }
  return { indices, distances };
}
