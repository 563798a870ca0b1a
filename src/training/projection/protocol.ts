import type { ProjectionMethod } from '../../core/projection/projector';

/**
 * Messages between the page and the projection worker. Embeddings and layouts travel as transferred
 * Float32Arrays (their buffers move, nothing is copied), never as number[][].
 */

/** Lay out the evaluation set. `data` is [2n, d]: image rows, then caption rows (see createProjector). */
export interface ProjectRequest {
  type: 'project';
  /** Echoed in the response, so the client can match answers to questions. */
  id: number;
  method: ProjectionMethod;
  /** [2n, d] row-major; transferred. */
  data: Float32Array;
  /** Number of pairs (rows = 2n). */
  n: number;
  /** Embedding width. */
  d: number;
  /** Start from the previous layout of this method (when n and d match) and align to it. */
  warm: boolean;
}

export type ProjectionRequest = ProjectRequest;

/** The layout: [2n, 2] x, y per row (same order as the request's rows); transferred. */
export interface LayoutResponse {
  type: 'layout';
  id: number;
  xy: Float32Array;
  /** Time the worker spent computing, in milliseconds. */
  ms: number;
}

/** How far a long (cold UMAP) layout has got, posted while it runs: `fraction` of its epochs, 0..1. */
export interface ProgressResponse {
  type: 'progress';
  id: number;
  fraction: number;
}

/**
 * The layout so far of a long (cold UMAP) fit, for the page to show while it is refined: first the
 * quick PCA start (fraction 0), then a frame every PREVIEW_MS or so. [rows, 2] in the fit's own frame
 * (the final layout is in the same one); transferred.
 */
export interface PreviewResponse {
  type: 'preview';
  id: number;
  fraction: number;
  xy: Float32Array;
}

export interface ErrorResponse {
  type: 'error';
  id: number;
  message: string;
}

export type ProjectionResponse = LayoutResponse | ProgressResponse | PreviewResponse | ErrorResponse;
