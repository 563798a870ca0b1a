/**
 * Page <-> embeddings worker: precomputed embeddings are read and measured off the page (100,000 pairs
 * take seconds). What comes back is small: the metrics, the shift experiment, and a sample of the pairs
 * to draw; typed arrays travel in the transfer list.
 */
import type { EmbeddingMetrics } from '../../core/embeddings/pairMetrics';
import type { ShiftSweep } from '../../core/embeddings/shift';
import type { ImportFile } from '../import/protocol';

/** The fractions of the gap the app's shift plot moves the first modality by. */
export const APP_SHIFT_FRACTIONS = [-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1] as const;

export interface EmbeddingsRequest {
  readonly files: readonly ImportFile[];
}

/** The pairs drawn: an evenly spaced sample of at most DRAWN_PAIRS, with everything a view needs of them. */
export interface DrawnPairs {
  /** Number of pairs drawn (m). */
  readonly m: number;
  /** Index of each drawn pair among all pairs, [m]. */
  readonly rows: Int32Array;
  /** [m, dims[0]] and [m, dims[1]] L2-normalised codes of the drawn pairs (retrieval and neighbours). */
  readonly a: Float32Array;
  readonly b: Float32Array;
  /** [2m, 2] PCA of the drawn codes, first modality then second; null without a shared space. */
  readonly xy: Float32Array | null;
  readonly captions: readonly string[];
  readonly keys: readonly string[];
}

export interface EmbeddingsSummary {
  readonly names: readonly [string, string];
  readonly sources: readonly string[];
  readonly n: number;
  readonly dims: readonly [number, number];
  readonly notes: readonly string[];
  readonly metrics: EmbeddingMetrics;
  /** The shift experiment, or why it could not be run (no shared space). */
  readonly shift: ShiftSweep | { problem: string };
  readonly drawn: DrawnPairs;
  /** [k, k] cosine similarities of the first k drawn pairs' codes (first modality rows); null without a shared space. */
  readonly similarity: Float32Array | null;
  readonly similaritySize: number;
  /** Worker time, ms. */
  readonly ms: number;
}

/** Worker -> page: a stage reached (for a progress line), then the summary or the reason it failed. */
export type EmbeddingsResponse =
  | { readonly type: 'stage'; readonly stage: string }
  | { readonly type: 'done'; readonly summary: EmbeddingsSummary }
  | { readonly type: 'error'; readonly message: string };
