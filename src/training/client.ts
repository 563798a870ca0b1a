import type { WorkerRequest, WorkerResponse } from './protocol';

/** The page's side of the training worker, as the controller uses it (a fake stands in for tests). */
export interface WorkerClient {
  send(request: WorkerRequest): void;
  /** Returns a function that removes the listener. */
  listen(listener: (message: WorkerResponse) => void): () => void;
  terminate(): void;
}

/** The page's side of the training worker: typed send, typed listeners. */
export class TrainingClient implements WorkerClient {
  private readonly worker: Worker;
  private readonly listeners = new Set<(message: WorkerResponse) => void>();

  constructor() {
    this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'training' });
    this.worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      for (const listener of this.listeners) listener(event.data);
    };
    // An uncaught error in the worker (or its script failing to load): the page starts a new worker.
    this.worker.onerror = (event) => {
      event.preventDefault();
      const message = event.message || 'unknown error';
      for (const listener of this.listeners) listener({ type: 'error', message, fault: 'crash' });
    };
  }

  send(request: WorkerRequest): void {
    this.worker.postMessage(request);
  }

  /** Returns a function that removes the listener. */
  listen(listener: (message: WorkerResponse) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  terminate(): void {
    this.worker.terminate();
    this.listeners.clear();
  }
}
