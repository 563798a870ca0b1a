import type { Rng } from '../random/rng';
import type { NeighbourGraph } from './knn';

/**
 * Approximate kNN by NN-descent (Dong, Moses & Li 2011): "a neighbour of my neighbour is likely my
 * neighbour". Each round joins every row's new candidates (forward and reverse) with each other and with
 * the old ones; it stops when a round improves fewer than `delta`·n·k entries.
 *
 * Its value here is the warm start: between two refreshes the embeddings move a little, so the previous
 * graph is an excellent first guess and one or two rounds repair it, where an exact scan costs n²·d.
 */
export interface NnDescentOptions {
  /** Previous neighbour graph of the same rows (same n and k) to start from; random lists otherwise. */
  init?: NeighbourGraph;
  /** Upper bound on rounds (default 12). */
  maxRounds?: number;
  /** Stop when fewer than delta·n·k entries changed in a round (default 0.001). */
  delta?: number;
  /**
   * Random rows offered to each row on top of `init` (default 4): the previous graph alone cannot find
   * neighbours that came close from another part of the data (captions meeting their images).
   */
  explore?: number;
}

/** kNN of the rows of `data` ([n, d]); column 0 of every list is the row itself, as in `exactKnn`. */
export function nnDescent(
  data: Float32Array,
  n: number,
  d: number,
  k: number,
  rng: Rng,
  options: NnDescentOptions = {},
): NeighbourGraph {
  if (k < 2 || k > n) throw new Error(`nnDescent: k=${k} must be in [2, ${n}]`);
  // The row itself is not stored in the heaps; each keeps the m = k-1 nearest others.
  const m = k - 1;
  const heapDist = new Float64Array(n * m).fill(Infinity);
  const heapIdx = new Int32Array(n * m).fill(-1);
  const isNew = new Uint8Array(n * m);
  const dist2 = (a: number, b: number): number => {
    let s = 0;
    for (let c = 0, oa = a * d, ob = b * d; c < d; c++) {
      const t = data[oa + c] - data[ob + c];
      s += t * t;
    }
    return s;
  };
  const push = (i: number, j: number, dd: number): number => {
    const base = i * m;
    if (dd >= heapDist[base] || i === j) return 0;
    for (let t = 0; t < m; t++) if (heapIdx[base + t] === j) return 0;
    siftDown(heapDist, heapIdx, isNew, base, m, dd, j);
    return 1;
  };

  const init = options.init;
  if (init && init.n === n && init.k === k) {
    for (let i = 0; i < n; i++)
      for (let t = 1; t < k; t++) {
        const j = init.indices[i * k + t];
        if (j >= 0) push(i, j, dist2(i, j));
      }
    for (let i = 0; i < n; i++)
      for (let t = 0; t < (options.explore ?? 4); t++) {
        const j = rng.int(n);
        push(i, j, dist2(i, j));
      }
  }
  for (let i = 0; i < n; i++) {
    // Fill what the previous graph did not (all of it on a cold start) with random rows.
    for (let tries = 0; heapIdx[i * m] === -1 && tries < 4 * m; tries++) {
      const j = rng.int(n);
      push(i, j, dist2(i, j));
    }
  }

  const maxRounds = options.maxRounds ?? 12;
  const threshold = (options.delta ?? 0.001) * n * k;
  const cap = m;
  const newCand = new Int32Array(n * cap);
  const oldCand = new Int32Array(n * cap);
  const newCount = new Int32Array(n);
  const oldCount = new Int32Array(n);
  const newSeen = new Int32Array(n);
  const oldSeen = new Int32Array(n);
  // Reservoir-samples j into i's capped candidate list, so a popular row does not flood the join.
  const addCandidate = (
    cand: Int32Array,
    count: Int32Array,
    seen: Int32Array,
    i: number,
    j: number,
  ): void => {
    const base = i * cap;
    for (let t = 0; t < count[i]; t++) if (cand[base + t] === j) return;
    const s = seen[i] + 1;
    seen[i] = s;
    if (count[i] < cap) {
      cand[base + count[i]] = j;
      count[i] = count[i] + 1;
    } else {
      const r = rng.int(s);
      if (r < cap) cand[base + r] = j;
    }
  };

  for (let round = 0; round < maxRounds; round++) {
    newCount.fill(0);
    oldCount.fill(0);
    newSeen.fill(0);
    oldSeen.fill(0);
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < m; t++) {
        const j = heapIdx[i * m + t];
        if (j < 0) continue;
        if (isNew[i * m + t]) {
          addCandidate(newCand, newCount, newSeen, i, j);
          addCandidate(newCand, newCount, newSeen, j, i);
          isNew[i * m + t] = 0;
        } else {
          addCandidate(oldCand, oldCount, oldSeen, i, j);
          addCandidate(oldCand, oldCount, oldSeen, j, i);
        }
      }
    }
    let updates = 0;
    for (let i = 0; i < n; i++) {
      const nb = i * cap;
      const nc = newCount[i];
      for (let a = 0; a < nc; a++) {
        const u = newCand[nb + a];
        for (let b = a + 1; b < nc; b++) {
          const v = newCand[nb + b];
          const dd = dist2(u, v);
          updates += push(u, v, dd) + push(v, u, dd);
        }
        const oc = oldCount[i];
        for (let b = 0; b < oc; b++) {
          const v = oldCand[i * cap + b];
          if (v === u) continue;
          const dd = dist2(u, v);
          updates += push(u, v, dd) + push(v, u, dd);
        }
      }
    }
    if (updates <= threshold) break;
  }
  return finish(heapDist, heapIdx, n, k);
}

/** Replaces the root (the worst) of the max-heap at base with (dist, idx), marked new. */
function siftDown(
  hd: Float64Array,
  hi: Int32Array,
  flag: Uint8Array,
  base: number,
  m: number,
  dist: number,
  idx: number,
): void {
  let pos = 0;
  for (;;) {
    const left = 2 * pos + 1;
    if (left >= m) break;
    const right = left + 1;
    const child = right < m && hd[base + right] > hd[base + left] ? right : left;
    if (hd[base + child] <= dist) break;
    hd[base + pos] = hd[base + child];
    hi[base + pos] = hi[base + child];
    flag[base + pos] = flag[base + child];
    pos = child;
  }
  hd[base + pos] = dist;
  hi[base + pos] = idx;
  flag[base + pos] = 1;
}

/** Sorted lists with the row itself first; slots never filled (n tiny) repeat the row at distance 0. */
function finish(hd: Float64Array, hi: Int32Array, n: number, k: number): NeighbourGraph {
  const m = k - 1;
  const indices = new Int32Array(n * k);
  const distances = new Float32Array(n * k);
  const order = new Int32Array(m);
  for (let i = 0; i < n; i++) {
    const base = i * m;
    for (let t = 0; t < m; t++) order[t] = t;
    order.sort((a, b) => hd[base + a] - hd[base + b] || hi[base + a] - hi[base + b]);
    indices[i * k] = i;
    distances[i * k] = 0;
    for (let t = 0; t < m; t++) {
      const src = base + order[t];
      const j = hi[src];
      indices[i * k + 1 + t] = j < 0 ? i : j;
      distances[i * k + 1 + t] = j < 0 ? 0 : Math.sqrt(hd[src]);
    }
  }
  return { n, k, indices, distances };
}
