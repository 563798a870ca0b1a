// findABParams is not re-exported by the package index; the module path is stable within 1.4.x.
import { findABParams } from 'umap-js/dist/umap';
import type { Rng } from '../random/rng';
import type { FuzzyGraph } from './fuzzyGraph';

/**
 * UMAP's layout optimisation (stochastic gradient descent on the fuzzy cross-entropy with negative
 * sampling), as in umap-js's `optimizeLayoutStep`, on a Float64Array [n, 2] instead of `number[][]`:
 * ~10x faster per epoch, which is what makes a warm refresh fit in a frame budget of a few hundred ms.
 */
export interface LayoutSchedule {
  /** Epochs to run. Edges whose weight is below max/epochs are never sampled (as in umap-js). */
  epochs: number;
  /** Initial step size, decayed linearly to 0 over the epochs. umap-js: 1. */
  learningRate: number;
  /** Effective minimum distance between embedded points (umap-js default 0.1). */
  minDist: number;
  /** Scale of the embedded points, with minDist shaping the attraction curve (default 1). */
  spread: number;
  /** Negative samples per positive one (default 5). */
  negativeSampleRate: number;
  /** Weight of the repulsion (default 1). */
  repulsionStrength: number;
}

export const DEFAULT_SCHEDULE: LayoutSchedule = {
  epochs: 500,
  learningRate: 1,
  minDist: 0.1,
  spread: 1,
  negativeSampleRate: 5,
  repulsionStrength: 1,
};

/** umap-js's epoch count for a cold fit of n rows: fewer for bigger data. */
export function defaultEpochs(n: number): number {
  if (n <= 2500) return 500;
  if (n <= 5000) return 400;
  if (n <= 7500) return 300;
  return 200;
}

const abCache = new Map<string, { a: number; b: number }>();

/** The curve 1 / (1 + a·d^(2b)) that approximates the minDist/spread kernel (fit once, then cached). */
export function curveParams(spread: number, minDist: number): { a: number; b: number } {
  const key = `${spread}:${minDist}`;
  let ab = abCache.get(key);
  if (!ab) {
    ab = findABParams(spread, minDist);
    abCache.set(key, ab);
  }
  return ab;
}

/** Gradient clip, as in UMAP: keeps a few huge steps from throwing points across the layout. */
const CLIP = 4;
const clip = (v: number): number => (v > CLIP ? CLIP : v < -CLIP ? -CLIP : v);

/** x^e for x > 0: exp(e·ln x) is the same number as Math.pow to within rounding and twice as fast in V8. */
const powPositive = (x: number, e: number): number => Math.exp(e * Math.log(x));

/**
 * Runs `schedule.epochs` epochs of UMAP's SGD on `xy` ([n, 2], row-major, modified in place), with every
 * random draw taken from `rng`. `onEpoch(done, epochs)` is called after each epoch (progress of a long fit).
 */
export function optimizeLayout(
  graph: FuzzyGraph,
  xy: Float64Array,
  schedule: LayoutSchedule,
  rng: Rng,
  onEpoch?: (done: number, epochs: number) => void,
): void {
  const { head, tail, weight } = graph;
  const nVertices = graph.n;
  const epochs = Math.max(1, Math.round(schedule.epochs));
  const { a, b } = curveParams(schedule.spread, schedule.minDist);
  const gamma = schedule.repulsionStrength;
  const negRate = schedule.negativeSampleRate;

  let maxWeight = 0;
  for (let e = 0; e < weight.length; e++) maxWeight = Math.max(maxWeight, weight[e]);
  // Each edge is sampled in proportion to its weight: the strongest every epoch, a weight-w edge every
  // max/w epochs. Edges too weak to be sampled once are left out.
  const kept: number[] = [];
  for (let e = 0; e < weight.length; e++) if (weight[e] >= maxWeight / epochs) kept.push(e);
  const m = kept.length;
  const edgeHead = new Int32Array(m);
  const edgeTail = new Int32Array(m);
  const perSample = new Float64Array(m);
  for (let s = 0; s < m; s++) {
    const e = kept[s];
    edgeHead[s] = head[e];
    edgeTail[s] = tail[e];
    perSample[s] = maxWeight / weight[e];
  }
  const nextSample = Float64Array.from(perSample);
  const perNegative = perSample.map((p) => p / negRate);
  const nextNegative = Float64Array.from(perNegative);

  for (let epoch = 0; epoch < epochs; epoch++) {
    const alpha = schedule.learningRate * (1 - epoch / epochs);
    for (let s = 0; s < m; s++) {
      if (nextSample[s] > epoch) continue;
      const j = edgeHead[s];
      const k = edgeTail[s];
      let dx = xy[2 * j] - xy[2 * k];
      let dy = xy[2 * j + 1] - xy[2 * k + 1];
      let d2 = dx * dx + dy * dy;
      if (d2 > 0) {
        const d2b = powPositive(d2, b);
        const coeff = (-2 * a * b * (d2b / d2)) / (a * d2b + 1);
        const gx = clip(coeff * dx) * alpha;
        const gy = clip(coeff * dy) * alpha;
        xy[2 * j] = xy[2 * j] + gx;
        xy[2 * j + 1] = xy[2 * j + 1] + gy;
        xy[2 * k] = xy[2 * k] - gx;
        xy[2 * k + 1] = xy[2 * k + 1] - gy;
      }
      nextSample[s] = nextSample[s] + perSample[s];

      const negatives = Math.floor((epoch - nextNegative[s]) / perNegative[s]);
      for (let p = 0; p < negatives; p++) {
        const other = rng.int(nVertices);
        if (other === j) continue;
        dx = xy[2 * j] - xy[2 * other];
        dy = xy[2 * j + 1] - xy[2 * other + 1];
        d2 = dx * dx + dy * dy;
        if (d2 > 0) {
          const coeff = (2 * gamma * b) / ((0.001 + d2) * (a * powPositive(d2, b) + 1));
          xy[2 * j] = xy[2 * j] + clip(coeff * dx) * alpha;
          xy[2 * j + 1] = xy[2 * j + 1] + clip(coeff * dy) * alpha;
        } else {
          // Two rows on the same spot: push apart by the clip value, as UMAP does.
          xy[2 * j] = xy[2 * j] + CLIP * alpha;
          xy[2 * j + 1] = xy[2 * j + 1] + CLIP * alpha;
        }
      }
      nextNegative[s] = nextNegative[s] + negatives * perNegative[s];
    }
    onEpoch?.(epoch + 1, epochs);
  }
}
