import type { ProjectionMethod } from '../../core/projection/projector';
import type { ProjectRequest, ProjectionRequest, ProjectionResponse } from './protocol';

/** What the client needs of a worker (a real `Worker`, or a stand-in in tests). */
export interface ProjectionWorkerLike {
  postMessage(message: ProjectionRequest, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<ProjectionResponse>) => void) | null;
  onerror?: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

/** A long layout's progress (0..1) and, now and then, its layout so far (see ProjectionClient.project). */
export type LayoutProgress = (fraction: number, xy?: Float32Array) => void;

/** Rejection of a request that a newer one replaced before it was computed. Safe to ignore. */
export class ProjectionSuperseded extends Error {
  constructor() {
    super('A newer projection request replaced this one.');
    this.name = 'ProjectionSuperseded';
  }
}

export interface ProjectionClient {
  /**
   * The 2-D layout ([2n, 2]) of `data` ([2n, d]: image rows, then caption rows). `data` is transferred to
   * the worker: the caller's array is emptied (pass a copy to keep it). At most one request runs at a
   * time; of the requests made meanwhile only the newest is computed next, the others reject with
   * ProjectionSuperseded. `onProgress(fraction)` follows a long (cold UMAP) layout while the worker
   * computes it; with `xy` ([2n, 2], or [3n, 2]) it brings that layout so far, to show meanwhile: first
   * the quick PCA start (fraction 0), then frames of the fit as it settles.
   */
  project(
    method: ProjectionMethod,
    data: Float32Array,
    n: number,
    d: number,
    warm: boolean,
    onProgress?: LayoutProgress,
  ): Promise<Float32Array>;
  /** Worker time of the last finished layout, in ms (NaN before the first). */
  readonly lastMs: number;
  /**
   * Drops every request (they reject with ProjectionSuperseded) and forgets the previous layouts: for a
   * new run, whose first layout must not wait for a long one of the old run: a worker busy with one
   * is replaced (a computation cannot be interrupted otherwise), unless the caller gave it.
   */
  restart(): void;
  /** Rejects what is waiting and stops the worker. */
  dispose(): void;
}

/** The projection worker as a module worker (bundled by Vite from this URL). */
export function createProjectionWorker(): Worker {
  return new Worker(new URL('./projectionWorker.ts', import.meta.url), { type: 'module' });
}

interface Job {
  request: ProjectRequest;
  resolve(xy: Float32Array): void;
  reject(error: Error): void;
  onProgress?: LayoutProgress | undefined;
}

export function createProjectionClient(
  given?: ProjectionWorkerLike,
  spawn: () => ProjectionWorkerLike = createProjectionWorker,
): ProjectionClient {
  let worker = given ?? spawn();
  let nextId = 1;
  let running: Job | null = null;
  let waiting: Job | null = null;
  let lastMs = NaN;
  let disposed = false;

  const send = (job: Job): void => {
    running = job;
    worker.postMessage(job.request, [job.request.data.buffer]);
  };
  const finish = (): void => {
    running = null;
    if (waiting) {
      const job = waiting;
      waiting = null;
      send(job);
    }
  };

  const listen = (target: ProjectionWorkerLike): void => {
    target.onmessage = (event) => {
      const message = event.data;
      const job = running;
      if (!job || message.id !== job.request.id) return;
      if (message.type === 'progress') return void job.onProgress?.(message.fraction);
      if (message.type === 'preview') return void job.onProgress?.(message.fraction, message.xy);
      if (message.type === 'layout') {
        lastMs = message.ms;
        job.resolve(message.xy);
      } else job.reject(new Error(message.message));
      finish();
    };
    target.onerror = (event) => {
      const error = new Error(`Projection worker failed: ${event.message}`);
      running?.reject(error);
      waiting?.reject(error);
      running = null;
      waiting = null;
    };
  };
  listen(worker);

  return {
    get lastMs() {
      return lastMs;
    },
    project(method, data, n, d, warm, onProgress) {
      if (disposed) return Promise.reject(new Error('The projection client was disposed.'));
      // Only a buffer that holds exactly this array is transferred; a view into a larger one is copied.
      const own = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice();
      return new Promise<Float32Array>((resolve, reject) => {
        const job: Job = {
          request: { type: 'project', id: nextId++, method, data: own, n, d, warm },
          resolve,
          reject,
          onProgress,
        };
        if (!running) send(job);
        else {
          if (waiting) {
            // A cold request must not be lost by being replaced: the replacement inherits its coldness.
            job.request.warm = job.request.warm && waiting.request.warm;
            waiting.reject(new ProjectionSuperseded());
          }
          waiting = job;
        }
      });
    },
    restart() {
      if (disposed) return;
      const busy = running !== null;
      running?.reject(new ProjectionSuperseded());
      waiting?.reject(new ProjectionSuperseded());
      running = null;
      waiting = null;
      // Only a busy worker is replaced (its computation cannot be interrupted); an idle one is kept, the
      // next request being cold anyway. A worker the caller gave cannot be replaced: its late answer to
      // the dropped request is ignored.
      if (busy && !given) {
        worker.terminate();
        worker = spawn();
        listen(worker);
      }
    },
    dispose() {
      disposed = true;
      const error = new Error('The projection client was disposed.');
      running?.reject(error);
      waiting?.reject(error);
      running = null;
      waiting = null;
      worker.terminate();
    },
  };
}
