import { createRng, type Rng } from '../random/rng';
import { exactKnn, type NeighbourGraph } from './knn';
import { nnDescent } from './nnDescent';
import { fuzzySimplicialSet } from './fuzzyGraph';
import { DEFAULT_SCHEDULE, defaultEpochs, optimizeLayout, type LayoutSchedule } from './umapLayout';
import { alignPca, warmStartLayout } from './warmStart';
import { pca2d } from './pca';
import { alignLayout } from './procrustes';

/**
 * The shared-space view's projection: the evaluation set's image and caption embeddings to 2-D, kept
 * stable while training moves them. Input and output are columns:
 *
 *   data: Float32Array [2n, d], row-major — image rows 0..n-1, then caption rows n..2n-1 (row n+i is
 *         the caption of image i), e.g. `stackPairs(evaluation.image, evaluation.text)`.
 *   out:  Float32Array [2n, 2] — x, y per row, same order.
 *
 * A warm refresh (same n and d as the previous call of that method) reuses what the last one learnt:
 * UMAP starts from the previous layout, moved by how the PCA layout moved (see warmStart.ts: without
 * that, a closing gap would never show), and runs a short, gentle schedule; PCA starts its iteration
 * from the previous axes. Both are then aligned to the previous output by Procrustes, so the picture
 * neither spins nor flips between refreshes. A cold call fits UMAP from the PCA layout.
 *
 * UMAP here is umap-js's algorithm (its fuzzy graph and SGD, checked against umap-js in the tests) on
 * typed arrays, with exact or NN-descent neighbours: umap-js itself spent ~0.5 s building the graph and
 * ~8 ms per epoch at 2,000 rows, too slow for refreshes during training.
 */
export type ProjectionMethod = 'umap' | 'pca';

export const PROJECTION_METHODS: readonly ProjectionMethod[] = ['umap', 'pca'];

export interface ProjectorOptions {
  /** Seed of every random draw (UMAP's negative sampling, NN-descent); same seed, same layouts. Default 1. */
  seed?: number;
  /** UMAP neighbourhood size, the row itself included (umap-js's nNeighbors). Default 15. */
  nNeighbors?: number;
  /** UMAP minimum distance between embedded points. Default 0.1. */
  minDist?: number;
  /** Epochs of a cold UMAP fit; default by size as umap-js (500 up to 2,500 rows, then fewer). */
  coldEpochs?: number;
  /**
   * Epochs of a warm UMAP refresh. Default 20: over a run of refreshes following a closing gap it kept
   * neighbourhoods as well as 30 epochs and nearly as well as a cold fit (38% of the 10 nearest
   * neighbours in the embedding among the 10 nearest in 2-D, against 38% and 39%), and the epochs are
   * most of a refresh's time (the refresh's time is in bench/RESULTS.md, 'UMAP warm refresh').
   */
  warmEpochs?: number;
  /**
   * Initial step of a warm refresh (a cold fit uses 1). Default 0.25: large enough to follow the data,
   * small enough that points already in place stay there.
   */
  warmLearningRate?: number;
  /** Up to this many rows neighbours are found exactly (n²·d); beyond, by NN-descent. Default 4,096. */
  exactKnnLimit?: number;
  /**
   * Fit a uniform scale when aligning to the previous layout. Default: yes for UMAP (its units are
   * arbitrary), no for PCA (its units are the embedding's, so a shrinking cloud should look smaller).
   */
  alignScale?: Partial<Record<ProjectionMethod, boolean>>;
}

/**
 * Progress of a cold UMAP fit: `fraction` of its epochs done (0..1), and `layout()`, a copy of the layout
 * so far ([rows, 2], UMAP's own frame), made only when asked for, so a caller showing a few frames of a
 * long fit pays for those alone.
 */
export type FitProgress = (fraction: number, layout: () => Float32Array) => void;

export interface Projector {
  /**
   * 2-D layout of `data` ([2n, d], or [3n, d] for three modalities) as [2n, 2] (or [3n, 2]); `warm` reuses the previous call's state when shapes match.
   * `onProgress` follows a cold UMAP fit (the long part): called with fraction 0 and the PCA layout (a
   * quick layout worth showing) before the neighbour graph is built, then after each epoch up to 1.
   */
  project(
    method: ProjectionMethod,
    data: Float32Array,
    n: number,
    d: number,
    warm: boolean,
    onProgress?: FitProgress,
  ): Float32Array;
  /** Forgets every previous layout: the next call is cold. */
  reset(): void;
}

interface MethodState {
  rows: number;
  d: number;
  /** The output of the last call, the target of the next alignment. */
  shown: Float32Array;
  /** UMAP only: its own coordinates (before alignment, where minDist has its meaning) and graph. */
  raw?: Float64Array;
  knn?: NeighbourGraph;
  /** The last PCA axes, [2, d] (both methods: UMAP's warm start follows the PCA layout's moves). */
  axes?: Float64Array;
  /** UMAP only: the last PCA layout [rows, 2], in the frame of the one before. */
  pcaXy?: Float32Array;
}

/** [n, d] image rows and [n, d] caption rows stacked into the [2n, d] input of `project`. */
export function stackPairs(image: Float32Array, text: Float32Array): Float32Array {
  if (image.length !== text.length)
    throw new Error(`stackPairs: ${image.length} image vs ${text.length} caption values`);
  const out = new Float32Array(image.length * 2);
  out.set(image, 0);
  out.set(text, image.length);
  return out;
}

export function createProjector(options: ProjectorOptions = {}): Projector {
  const seed = options.seed ?? 1;
  const nNeighbors = options.nNeighbors ?? 15;
  const minDist = options.minDist ?? DEFAULT_SCHEDULE.minDist;
  const exactLimit = options.exactKnnLimit ?? 4096;
  const alignScale = { umap: true, pca: false, ...options.alignScale };
  const states = new Map<ProjectionMethod, MethodState>();

  const projectUmap = (
    data: Float32Array,
    rows: number,
    d: number,
    prev: MethodState | undefined,
    onProgress?: FitProgress,
  ): MethodState => {
    // A fresh stream per call: the result depends on the input and the previous state only.
    const rng = createRng(seed);
    const k = Math.min(nNeighbors, rows);
    const cold = !(prev?.raw && prev.pcaXy);
    const progress = cold ? onProgress : undefined;
    // PCA first (it takes no randomness): a fit from scratch shows its PCA layout at once, before the
    // neighbour graph and the epochs, which take seconds on a busy machine.
    const pca = pca2d(data, rows, d, prev?.axes ? { initAxes: prev.axes } : {});
    progress?.(0, () => pca.xy.slice());
    // Past the exact limit, a warm refresh repairs the previous graph (NN-descent from it, with random
    // candidates mixed in so neighbours that newly came close from elsewhere are found too).
    const knn =
      rows <= exactLimit
        ? exactKnn(data, rows, d, k)
        : nnDescent(data, rows, d, k, rng, prev?.knn ? { init: prev.knn } : {});
    const graph = fuzzySimplicialSet(knn);
    let raw: Float64Array;
    let schedule: LayoutSchedule;
    const pcaXy = prev?.pcaXy ? alignPca(pca.xy, prev.pcaXy) : pca.xy;
    if (prev?.raw && prev.pcaXy) {
      raw = warmStartLayout({ previous: prev.raw, pcaBefore: prev.pcaXy, pcaNow: pcaXy, graph });
      schedule = {
        ...DEFAULT_SCHEDULE,
        minDist,
        epochs: options.warmEpochs ?? 20,
        learningRate: options.warmLearningRate ?? 0.25,
      };
    } else {
      raw = pcaStart(pca.xy, rng);
      schedule = { ...DEFAULT_SCHEDULE, minDist, epochs: options.coldEpochs ?? defaultEpochs(rows) };
    }
    const layout = () => Float32Array.from(raw);
    optimizeLayout(graph, raw, schedule, rng, progress ? (e, all) => progress(e / all, layout) : undefined);
    const out = Float32Array.from(raw);
    const shown = prev ? alignLayout(out, prev.shown, { scale: alignScale.umap }) : out;
    return { rows, d, shown, raw, knn, axes: pca.axes, pcaXy };
  };

  const projectPca = (
    data: Float32Array,
    rows: number,
    d: number,
    prev: MethodState | undefined,
  ): MethodState => {
    const result = pca2d(data, rows, d, prev?.axes ? { initAxes: prev.axes } : {});
    const shown = prev ? alignLayout(result.xy, prev.shown, { scale: alignScale.pca }) : result.xy;
    return { rows, d, shown, axes: result.axes };
  };

  return {
    project(method, data, n, d, warm, onProgress) {
      if (!Number.isInteger(n) || n < 1)
        throw new Error(`project: n must be a positive number of pairs, got ${n}`);
      // Two blocks of n rows (image, caption), or three when sound is a modality too.
      const blocks = data.length === 3 * n * d ? 3 : 2;
      const rows = blocks * n;
      if (data.length !== rows * d)
        throw new Error(
          `project: data has ${data.length} values, expected [2n=${2 * n}, d=${d}] (or [3n=${3 * n}, d] with three modalities)`,
        );
      for (let i = 0; i < data.length; i++)
        if (!Number.isFinite(data[i])) throw new Error(`project: embedding value ${i} is not finite`);
      const old = states.get(method);
      const prev = warm && old && old.rows === rows && old.d === d ? old : undefined;
      if (method === 'umap' && rows <= 2) throw new Error('project: UMAP needs at least 2 pairs');
      const next =
        method === 'umap' ? projectUmap(data, rows, d, prev, onProgress) : projectPca(data, rows, d, prev);
      states.set(method, next);
      return next.shown.slice();
    },
    reset() {
      states.clear();
    },
  };
}

/**
 * UMAP's cold start: the PCA layout scaled to [-10, 10] (the range of umap-js's random start), with a
 * tiny jitter so duplicate rows do not begin on one spot. Starting from PCA keeps the global
 * arrangement (which cloud is where) that a random start loses.
 */
function pcaStart(xy: Float32Array, rng: Rng): Float64Array {
  let extent = 0;
  for (let i = 0; i < xy.length; i++) extent = Math.max(extent, Math.abs(xy[i]));
  const s = extent > 0 ? 10 / extent : 1;
  const out = new Float64Array(xy.length);
  for (let i = 0; i < xy.length; i++) out[i] = xy[i] * s + 1e-4 * (rng.next() - 0.5);
  return out;
}
