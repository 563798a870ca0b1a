/**
 * The page's one connection to the training worker: sends requests, hands every message to one listener,
 * settles the requests answered by id (searches, weights, inspections), and replaces a crashed worker
 * with a new one that the same listener hears. The client is injected (a fake in tests).
 */
import { TrainingClient, type WorkerClient } from '../training/client';
import type { WorkerRequest, WorkerResponse } from '../training/protocol';
import type { ModelWeights } from '../core/export/modelFile';
import type { ResumeState } from '../training/resumeState';
import { createRequests, type Requests } from './requests';
import type { InspectAnswer, SearchAnswer } from './controllerApi';

/** The shown run's weights, with its resume state (optimiser and batch order) when asked for. */
export type WeightsAnswer = { weights: ModelWeights; resume?: ResumeState };
/** The messages that answer a request by id (they concern no run). */
export type WorkerAnswer = Extract<WorkerResponse, { type: 'searchResult' | 'inspection' | 'weights' }>;

export interface WorkerConnection {
  send(request: WorkerRequest): void;
  searches: Requests<SearchAnswer>;
  weights: Requests<WeightsAnswer>;
  inspections: Requests<InspectAnswer>;
  /** Settles the request `m` answers; false when `m` answers none (it concerns a run). */
  settle(m: WorkerResponse): m is WorkerAnswer;
  /**
   * Gives up every waiting request because the worker failed: weights and searches reject with
   * `reason`, an inspection is answered with nothing to show.
   */
  abandon(reason: Error): void;
  /** Whether a crashed worker can be replaced (not when a test injected its one client). */
  readonly replaceable: boolean;
  /** Terminates the worker and starts a new one, heard by the same listener. */
  replace(): void;
  dispose(): void;
}

export interface ConnectionDeps {
  client?: WorkerClient | undefined;
  /**
   * Starts a new worker after one crashed (default: a browser worker, unless `client` was given: then a
   * crash stays the run's error).
   */
  createClient?: (() => WorkerClient) | undefined;
}

export function connectWorker(
  deps: ConnectionDeps,
  onMessage: (m: WorkerResponse) => void,
): WorkerConnection {
  let client = deps.client ?? new TrainingClient();
  const newClient = deps.createClient ?? (deps.client ? null : () => new TrainingClient());
  let unlisten = client.listen(onMessage);
  const searches = createRequests<SearchAnswer>();
  const weights = createRequests<WeightsAnswer>();
  const inspections = createRequests<InspectAnswer>();

  return {
    send: (request) => client.send(request),
    searches,
    weights,
    inspections,
    settle(m): m is WorkerAnswer {
      if (m.type === 'searchResult') searches.answer(m.id, m);
      else if (m.type === 'inspection') inspections.answer(m.id, { step: m.step, inspection: m.inspection });
      else if (m.type === 'weights')
        weights.answer(
          m.id,
          m.weights
            ? { weights: m.weights, ...(m.resume ? { resume: m.resume } : {}) }
            : new Error(m.message ?? 'The weights could not be read.'),
        );
      else return false;
      return true;
    },
    abandon(reason) {
      weights.abandon(reason);
      inspections.abandon({ step: 0, inspection: null });
      searches.abandon(reason);
    },
    replaceable: newClient !== null,
    replace() {
      if (!newClient) return;
      unlisten();
      client.terminate();
      client = newClient();
      unlisten = client.listen(onMessage);
    },
    dispose() {
      unlisten();
      client.terminate();
    },
  };
}
