import type { Projector } from '../../core/projection/projector';
import type { ProjectionRequest, ProjectionResponse } from './protocol';

/**
 * Answers one request with the pure projector: the body of the worker, kept here so it is testable in
 * Node without a Worker. Failures become error responses, so the worker never dies on bad input.
 */
export function serveProjection(
  projector: Projector,
  request: ProjectionRequest,
  now: () => number = () => performance.now(),
): { response: ProjectionResponse; transfer: Transferable[] } {
  const start = now();
  try {
    const xy = projector.project(request.method, request.data, request.n, request.d, request.warm);
    return { response: { type: 'layout', id: request.id, xy, ms: now() - start }, transfer: [xy.buffer] };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { response: { type: 'error', id: request.id, message }, transfer: [] };
  }
}
