import type { Projector } from '../../core/projection/projector';
import type { PreviewResponse, ProgressResponse, ProjectionRequest, ProjectionResponse } from './protocol';

/** Progress is posted in steps of this fraction (a cold fit of 500 epochs posts ~50 messages). */
const PROGRESS_STEP = 0.02;
/**
 * A long fit's layout so far is posted at its start (the quick PCA layout) and then at most this often:
 * often enough that the class sees it settle, rarely enough that copying and drawing frames costs the
 * page little (a frame of 512 points is 4 KB).
 */
export const PREVIEW_MS = 250;

/** Messages posted while a request is computed, with the buffers to transfer. */
export type InterimPost = (message: ProgressResponse | PreviewResponse, transfer: Transferable[]) => void;

/**
 * Answers one request with the pure projector: the body of the worker, kept here so it is testable in
 * Node without a Worker. Failures become error responses, so the worker never dies on bad input.
 * `post` receives the progress of a long layout while it is computed, and its previews (see PREVIEW_MS).
 */
export function serveProjection(
  projector: Projector,
  request: ProjectionRequest,
  now: () => number = () => performance.now(),
  post?: InterimPost,
): { response: ProjectionResponse; transfer: Transferable[] } {
  const start = now();
  let posted = 0;
  let previewAt = -Infinity;
  const onProgress = post
    ? (fraction: number, layout: () => Float32Array) => {
        const t = now();
        if (fraction < 1 && t - previewAt >= PREVIEW_MS) {
          previewAt = t;
          const xy = layout();
          post({ type: 'preview', id: request.id, fraction, xy }, [xy.buffer]);
        }
        if (fraction - posted < PROGRESS_STEP - 1e-9 && fraction < 1) return;
        posted = fraction;
        post({ type: 'progress', id: request.id, fraction }, []);
      }
    : undefined;
  try {
    const xy = projector.project(
      request.method,
      request.data,
      request.n,
      request.d,
      request.warm,
      onProgress,
    );
    return { response: { type: 'layout', id: request.id, xy, ms: now() - start }, transfer: [xy.buffer] };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { response: { type: 'error', id: request.id, message }, transfer: [] };
  }
}
