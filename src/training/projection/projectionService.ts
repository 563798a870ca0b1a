import type { Projector } from '../../core/projection/projector';
import type { ProgressResponse, ProjectionRequest, ProjectionResponse } from './protocol';

/** Progress is posted in steps of this fraction (a cold fit of 500 epochs posts ~50 messages). */
const PROGRESS_STEP = 0.02;

/**
 * Answers one request with the pure projector: the body of the worker, kept here so it is testable in
 * Node without a Worker. Failures become error responses, so the worker never dies on bad input.
 * `postProgress` receives the progress of a long layout while it is computed.
 */
export function serveProjection(
  projector: Projector,
  request: ProjectionRequest,
  now: () => number = () => performance.now(),
  postProgress?: (message: ProgressResponse) => void,
): { response: ProjectionResponse; transfer: Transferable[] } {
  const start = now();
  let posted = 0;
  const onProgress = postProgress
    ? (fraction: number) => {
        if (fraction - posted < PROGRESS_STEP - 1e-9 && fraction < 1) return;
        posted = fraction;
        postProgress({ type: 'progress', id: request.id, fraction });
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
