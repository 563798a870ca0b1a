import type { FuzzyGraph } from './fuzzyGraph';
import { alignLayout, fitProcrustes } from './procrustes';

/**
 * The starting layout of a warm UMAP refresh.
 *
 * Starting from the previous layout alone keeps local structure but freezes the global arrangement:
 * UMAP's gradient between far-apart clusters is tiny, so when training brings each caption cluster to
 * its image cluster (the gap closing), a warm refresh would never show it, while a fresh fit would.
 * PCA sees that global motion. So each point starts at its previous place plus the move its PCA position
 * made since the last refresh, carried into the UMAP frame by the similarity that best maps the previous
 * PCA layout onto the previous UMAP layout, and averaged over the point's graph neighbours so that a
 * cluster moves as a whole instead of being torn by per-point noise.
 */
export interface WarmStartInput {
  /** [rows, 2] the previous UMAP coordinates (before alignment to the screen). */
  previous: Float64Array;
  /** [rows, 2] the PCA layout of the previous embeddings. */
  pcaBefore: Float32Array;
  /** [rows, 2] the PCA layout of the new embeddings, aligned to `pcaBefore` (rotation/reflection only). */
  pcaNow: Float32Array;
  /** The new neighbour graph, whose edges average the moves. */
  graph: FuzzyGraph;
  /** Averaging rounds (default 2). */
  rounds?: number;
}

export function warmStartLayout(input: WarmStartInput): Float64Array {
  const { previous, pcaBefore, pcaNow, graph } = input;
  const rows = previous.length / 2;
  const frame = fitProcrustes(pcaBefore, Float32Array.from(previous));
  const [a, b, c, d] = frame.matrix;
  let move: Float64Array = new Float64Array(2 * rows);
  for (let i = 0; i < rows; i++) {
    const dx = pcaNow[2 * i] - pcaBefore[2 * i];
    const dy = pcaNow[2 * i + 1] - pcaBefore[2 * i + 1];
    move[2 * i] = a * dx + b * dy;
    move[2 * i + 1] = c * dx + d * dy;
  }
  move = neighbourAverage(graph, move, input.rounds ?? 2);
  const out = new Float64Array(2 * rows);
  for (let k = 0; k < out.length; k++) out[k] = previous[k] + move[k];
  return out;
}

/** PCA layout of the new embeddings in the frame of the previous one (no scale: PCA units are real). */
export function alignPca(pcaNow: Float32Array, pcaBefore: Float32Array): Float32Array {
  return alignLayout(pcaNow, pcaBefore, { scale: false });
}

/** Each row of v ([n, 2]) replaced by the mean of itself and its neighbours' rows, weighted, `rounds` times. */
function neighbourAverage(graph: FuzzyGraph, v: Float64Array, rounds: number): Float64Array {
  let cur = v;
  for (let r = 0; r < rounds; r++) {
    const next = Float64Array.from(cur);
    const weight = new Float64Array(graph.n).fill(1);
    for (let e = 0; e < graph.head.length; e++) {
      const i = graph.head[e];
      const j = graph.tail[e];
      const w = graph.weight[e];
      next[2 * i] = next[2 * i] + w * cur[2 * j];
      next[2 * i + 1] = next[2 * i + 1] + w * cur[2 * j + 1];
      weight[i] = weight[i] + w;
    }
    for (let i = 0; i < graph.n; i++) {
      next[2 * i] = next[2 * i] / weight[i];
      next[2 * i + 1] = next[2 * i + 1] / weight[i];
    }
    cur = next;
  }
  return cur;
}
