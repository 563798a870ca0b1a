/** Projection worker: UMAP / PCA off the UI thread. All logic lives in core/projection and projectionService. */
import { createProjector } from '../../core/projection/projector';
import { serveProjection } from './projectionService';
import type { ProjectionRequest, ProjectionResponse } from './protocol';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ProjectionRequest>) => void) | null;
  postMessage(message: ProjectionResponse, transfer: Transferable[]): void;
};
const projector = createProjector();
scope.onmessage = (event) => {
  const { response, transfer } = serveProjection(projector, event.data, undefined, (interim, moved) =>
    scope.postMessage(interim, moved),
  );
  scope.postMessage(response, transfer);
};
