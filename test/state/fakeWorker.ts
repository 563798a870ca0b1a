/** A stand-in for the training worker's client: records what the controller sends, lets a test answer. */
import type { WorkerClient } from '../../src/training/client';
import type { RunId, Snapshot, WorkerRequest, WorkerResponse } from '../../src/training/protocol';
import type { GapMetrics } from '../../src/core/metrics/gapMetrics';
import type { RunInfo } from '../../src/training/protocol';

export class FakeWorker implements WorkerClient {
  readonly sent: WorkerRequest[] = [];
  private listener: ((m: WorkerResponse) => void) | null = null;
  terminated = false;

  send(request: WorkerRequest): void {
    this.sent.push(request);
  }

  listen(listener: (m: WorkerResponse) => void): () => void {
    this.listener = listener;
    return () => (this.listener = null);
  }

  terminate(): void {
    this.terminated = true;
  }

  /** Delivers a message as the worker would. */
  push(...messages: WorkerResponse[]): void {
    for (const m of messages) this.listener?.(m);
  }

  /** The requests of one type, oldest first. */
  of<T extends WorkerRequest['type']>(type: T): Extract<WorkerRequest, { type: T }>[] {
    return this.sent.filter((r): r is Extract<WorkerRequest, { type: T }> => r.type === type);
  }

  lastInit(): Extract<WorkerRequest, { type: 'init' }> {
    const init = this.of('init').at(-1);
    if (!init) throw new Error('no init was sent');
    return init;
  }
}

/** A snapshot with a recognisable gap (= step / 1000) and two 1-d codes. */
export function snapshot(runId: RunId, step: number): Snapshot {
  return {
    runId,
    step,
    loss: 2 - step / 1000,
    dim: 1,
    image: new Float32Array([1, 1]),
    text: new Float32Array([1, -1]),
    metrics: { gap: step / 1000 } as GapMetrics,
    extra: {} as Snapshot['extra'],
    scalars: {},
    similarity: new Float32Array(0),
    similaritySize: 0,
    pairsPerSecond: 0,
  };
}

export const snapshotMessage = (runId: RunId, step: number): WorkerResponse => ({
  type: 'snapshot',
  runId,
  snapshot: snapshot(runId, step),
});

export const ready = (runId: RunId, datasetName = 'shapes'): WorkerResponse => ({
  type: 'ready',
  runId,
  info: { datasetName } as RunInfo,
});
