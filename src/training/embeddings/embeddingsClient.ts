import type { ImportFile } from '../import/protocol';
import type { EmbeddingsResponse, EmbeddingsSummary } from './protocol';

/**
 * Reads and measures `files` in a worker of its own, which ends with the answer. `onStage` hears each
 * step as it starts. Rejects with a readable message when the files do not hold two modalities' pairs.
 */
export function measureEmbeddingFiles(
  files: readonly ImportFile[],
  onStage: (stage: string) => void,
): Promise<EmbeddingsSummary> {
  const worker = new Worker(new URL('./embeddingsWorker.ts', import.meta.url), {
    type: 'module',
    name: 'embeddings',
  });
  return new Promise<EmbeddingsSummary>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<EmbeddingsResponse>) => {
      const r = event.data;
      if (r.type === 'stage') onStage(r.stage);
      else if (r.type === 'done') resolve(r.summary);
      else reject(new Error(r.message));
    };
    worker.onerror = (event) => reject(new Error(event.message || 'the embeddings worker failed'));
    worker.postMessage({ files });
  }).finally(() => worker.terminate());
}
