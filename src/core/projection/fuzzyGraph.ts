import type { NeighbourGraph } from './knn';

/**
 * UMAP's fuzzy simplicial set (McInnes, Healy & Melville 2018, §3.1) on typed arrays: the same maths as
 * umap-js's `fuzzySimplicialSet` (local connectivity 1, bandwidth 1, set-op mix ratio 1) — the tests
 * compare the two weight for weight — without its string-keyed sparse matrices, which cost ~0.5 s at
 * 2,000 rows and were most of a refresh.
 */

/** Symmetric weighted graph as a directed edge list: every undirected edge appears once per direction. */
export interface FuzzyGraph {
  readonly n: number;
  /** [e] the row that moves (umap-js's "head"). */
  readonly head: Int32Array;
  /** [e] the row it is pulled towards. */
  readonly tail: Int32Array;
  /** [e] membership strength in (0, 1]. */
  readonly weight: Float32Array;
}

const SMOOTH_K_TOLERANCE = 1e-5;
const MIN_K_DIST_SCALE = 1e-3;

/**
 * Per row: rho, the distance to the nearest distinct neighbour, and sigma, the scale at which the
 * smoothed neighbour count sum(exp(-(d - rho) / sigma)) equals log2(k) (binary search, 64 steps).
 */
export function smoothKnnDistances(graph: NeighbourGraph): { sigma: Float64Array; rho: Float64Array } {
  const { n, k, distances } = graph;
  const target = Math.log2(k);
  const sigma = new Float64Array(n);
  const rho = new Float64Array(n);
  let meanAll = -1; // computed once, only if some row has no distinct neighbour
  for (let i = 0; i < n; i++) {
    const row = distances.subarray(i * k, (i + 1) * k);
    let firstNonZero = 0;
    let maxNonZero = 0;
    let sum = 0;
    for (let t = 0; t < k; t++) {
      const v = row[t];
      sum += v;
      if (v > 0 && firstNonZero === 0) firstNonZero = v;
      if (v > maxNonZero) maxNonZero = v;
    }
    rho[i] = firstNonZero > 0 ? firstNonZero : maxNonZero;
    let lo = 0;
    let hi = Infinity;
    let mid = 1;
    for (let iter = 0; iter < 64; iter++) {
      let psum = 0;
      for (let t = 1; t < k; t++) {
        const excess = row[t] - rho[i];
        psum += excess > 0 ? Math.exp(-(excess / mid)) : 1;
      }
      if (Math.abs(psum - target) < SMOOTH_K_TOLERANCE) break;
      if (psum > target) {
        hi = mid;
        mid = (lo + hi) / 2;
      } else {
        lo = mid;
        mid = hi === Infinity ? mid * 2 : (lo + hi) / 2;
      }
    }
    // A floor on sigma, so rows whose neighbours sit at one distance do not get a zero scale.
    if (rho[i] > 0) {
      sigma[i] = Math.max(mid, MIN_K_DIST_SCALE * (sum / k));
    } else {
      if (meanAll < 0) meanAll = meanOf(distances);
      sigma[i] = Math.max(mid, MIN_K_DIST_SCALE * meanAll);
    }
  }
  return { sigma, rho };
}

function meanOf(values: Float32Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return values.length ? s / values.length : 0;
}

/** Directed membership strength of row i's t-th neighbour. */
function membership(
  graph: NeighbourGraph,
  sigma: Float64Array,
  rho: Float64Array,
  i: number,
  t: number,
): number {
  const excess = graph.distances[i * graph.k + t] - rho[i];
  return excess <= 0 ? 1 : Math.exp(-(excess / sigma[i]));
}

/**
 * The fuzzy union of the directed kNN memberships: w = a + b - a·b, where a is i's membership in j's
 * neighbourhood view from i and b the reverse (0 when j does not list i).
 */
export function fuzzySimplicialSet(graph: NeighbourGraph): FuzzyGraph {
  const { n, k, indices } = graph;
  const { sigma, rho } = smoothKnnDistances(graph);
  // At most one undirected edge per kNN entry, two directed edges each.
  const head = new Int32Array(2 * n * k);
  const tail = new Int32Array(2 * n * k);
  const weight = new Float32Array(2 * n * k);
  let e = 0;
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      const j = indices[i * k + t];
      if (j === i || j < 0) continue;
      // Find i in j's list: k is small, so a scan beats any hash map.
      let reverse = -1;
      for (let s = 0; s < k; s++) if (indices[j * k + s] === i) reverse = s;
      // Each undirected edge is emitted once: from the lower row when both list each other.
      if (reverse >= 0 && j < i) continue;
      const a = membership(graph, sigma, rho, i, t);
      const b = reverse >= 0 ? membership(graph, sigma, rho, j, reverse) : 0;
      const w = a + b - a * b;
      if (!(w > 0)) continue;
      head[e] = i;
      tail[e] = j;
      weight[e++] = w;
      head[e] = j;
      tail[e] = i;
      weight[e++] = w;
    }
  }
  return { n, head: head.slice(0, e), tail: tail.slice(0, e), weight: weight.slice(0, e) };
}
