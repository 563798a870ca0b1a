import type { EmbeddingPairs } from '../../core/embeddings/embeddingPairs';
import { embeddingMetrics, evenRows } from '../../core/embeddings/pairMetrics';
import { shiftSweep } from '../../core/embeddings/shift';
import { pca2d } from '../../core/projection/pca';
import { similarityBlock } from '../snapshotData';
import { APP_SHIFT_FRACTIONS, type DrawnPairs, type EmbeddingsSummary } from './protocol';

/** Pairs drawn in the shared space: enough to see the two clouds, few enough to draw with pair lines. */
export const DRAWN_PAIRS = 1000;
/** Side of the similarity heatmap. */
const HEATMAP_SIZE = 32;
/** Canonical variates kept for a CCA scatter. */
const CCA_POINTS = 200;

function rowsOf(data: Float32Array, d: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * d);
  rows.forEach((r, i) => out.set(data.subarray(r * d, (r + 1) * d), i * d));
  return out;
}

/** Everything the embeddings view shows of `pairs`. `stage` is told before each long step. */
export function measureEmbeddings(pairs: EmbeddingPairs, stage: (what: string) => void): EmbeddingsSummary {
  const t0 = performance.now();
  const [d1, d2] = pairs.dims;
  const shared = d1 === d2;
  stage('measuring the gap, retrieval, CCA and CKA');
  const metrics = embeddingMetrics(pairs, CCA_POINTS);
  stage('moving one modality along the gap');
  let shift: EmbeddingsSummary['shift'];
  try {
    shift = shiftSweep(pairs, APP_SHIFT_FRACTIONS);
  } catch (e) {
    shift = { problem: e instanceof Error ? e.message : String(e) };
  }
  stage('laying out the shared space');
  const rows = evenRows(pairs.n, DRAWN_PAIRS);
  const m = rows.length;
  const a = rowsOf(pairs.a, d1, rows);
  const b = rowsOf(pairs.b, d2, rows);
  let xy: Float32Array | null = null;
  if (shared) {
    const both = new Float32Array(2 * m * d1);
    both.set(a, 0);
    both.set(b, m * d1);
    xy = pca2d(both, 2 * m, d1).xy;
  }
  const k = Math.min(HEATMAP_SIZE, m);
  const drawn: DrawnPairs = {
    m,
    rows,
    a,
    b,
    xy,
    captions: Array.from(rows, (r) => pairs.captions?.[r] ?? pairs.keys[r]),
    keys: Array.from(rows, (r) => pairs.keys[r]),
  };
  return {
    names: pairs.names,
    sources: pairs.sources,
    n: pairs.n,
    dims: pairs.dims,
    notes: pairs.notes,
    metrics,
    shift,
    drawn,
    similarity: shared ? similarityBlock(a, b, d1, k) : null,
    similaritySize: k,
    ms: performance.now() - t0,
  };
}
