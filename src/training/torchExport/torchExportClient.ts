import type { ExperimentConfig } from '../../core/experiment/config';
import type { TorchExportRequest, TorchExportResponse } from './protocol';

/**
 * The experiment `config` as a PyTorch project (.zip bytes), built in a worker of its own that ends
 * with the export. Rejects with the worker's message when the project cannot be made.
 */
export function exportTorchProject(config: ExperimentConfig, baseUrl: string): Promise<Uint8Array> {
  const worker = new Worker(new URL('./torchExportWorker.ts', import.meta.url), {
    type: 'module',
    name: 'pytorch-export',
  });
  return new Promise<Uint8Array>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<TorchExportResponse>) => {
      const r = event.data;
      if (r.ok) resolve(r.zip);
      else reject(new Error(r.error));
    };
    worker.onerror = (event) => reject(new Error(event.message || 'the export worker failed'));
    const request: TorchExportRequest = { config, baseUrl };
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}
