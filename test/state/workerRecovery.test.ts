import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createController } from '../../src/state/controller';
import { defaultConfig } from '../../src/core/experiment/config';
import type { ModelWeights } from '../../src/core/export/modelFile';
import type { ResumeState } from '../../src/training/resumeState';
import type { RunInProgressStore, SavedRun } from '../../src/state/persistence/runInProgress';
import type { BackendAvailability } from '../../src/training/backendInfo';
import type { RunInfo, WorkerResponse } from '../../src/training/protocol';
import { FakeWorker, snapshotMessage } from './fakeWorker';

/** Keeps the saves in memory, or fails every save (a full quota) when `fail` is set. */
class MemoryStore implements RunInProgressStore {
  saves: SavedRun[] = [];
  fail = false;
  save(run: SavedRun): Promise<void> {
    if (this.fail) return Promise.reject(new Error('The storage is full.'));
    this.saves.push(run);
    return Promise.resolve();
  }
  load(): Promise<SavedRun | null> {
    return Promise.resolve(null);
  }
}

const weightsAt = (step: number): ModelWeights => ({
  specs: [],
  data: new ArrayBuffer(8),
  config: defaultConfig(),
  vocabulary: ['a'],
  step,
  datasetName: 'shapes',
});
const resumeAt = (step: number): ResumeState => ({
  position: {
    step,
    order: new Int32Array(0),
    cursor: 0,
    batchRng: [1, 2, 3, 4, null],
    lossRng: [5, 6, 7, 8, null],
  },
  optimizer: { specs: [], data: new ArrayBuffer(0) },
});

const available = (name: BackendAvailability['name'], unsupported?: string): BackendAvailability => ({
  name,
  available: true,
  ...(unsupported ? { unsupported } : {}),
});
/** A run on WebGPU, where WebAssembly cannot train the model but WebGL and plain JS can. */
const readyOn = (runId: number, backend: RunInfo['backend']): WorkerResponse => ({
  type: 'ready',
  runId,
  info: {
    datasetName: 'shapes',
    backend,
    backends: [
      available('webgpu'),
      available('webgl'),
      available('wasm', 'no conv gradient'),
      available('cpu'),
    ],
  } as RunInfo,
});

/** A controller whose workers are fakes; every worker it starts is in `workers`, the first one first. */
async function setup(store = new MemoryStore()) {
  const workers = [new FakeWorker()];
  const location = { hash: '', href: 'http://localhost/app/', pathname: '/app/', search: '' };
  const c = createController(
    location,
    { replaceState: () => undefined },
    {
      client: workers[0],
      createClient: () => {
        const w = new FakeWorker();
        workers.push(w);
        return w;
      },
      runStore: store,
      onPageHide: () => () => undefined,
    },
  );
  await vi.advanceTimersByTimeAsync(0);
  return { c, workers, store };
}

/** Run 1 trained to step 50 with evaluations at 0, 25 and 50, paused and kept, then playing on to step 80. */
async function trainedAndKept(
  c: Awaited<ReturnType<typeof setup>>['c'],
  worker: FakeWorker,
  backend: RunInfo['backend'] = 'wasm',
) {
  worker.push(readyOn(1, backend), snapshotMessage(1, 0));
  c.startTraining();
  worker.push({ type: 'running', runId: 1, running: true }, snapshotMessage(1, 25), snapshotMessage(1, 50));
  c.pauseTraining();
  worker.push({ type: 'running', runId: 1, running: false });
  const request = worker.of('exportWeights').at(-1);
  if (!request) throw new Error('the paused run was not kept');
  worker.push({ type: 'weights', id: request.id, weights: weightsAt(50), resume: resumeAt(50) });
  await vi.advanceTimersByTimeAsync(0);
  c.startTraining();
  worker.push({ type: 'running', runId: 1, running: true }, snapshotMessage(1, 75), {
    type: 'progress',
    runId: 1,
    step: 80,
    loss: 1.9,
    pairsPerSecond: 100,
  });
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a crashed training worker', () => {
  it('is replaced by a new worker that goes on playing from the last kept state, history kept', async () => {
    const { c, workers } = await setup();
    await trainedAndKept(c, workers[0]);
    workers[0].push({ type: 'error', message: 'Uncaught Error: boom', fault: 'crash' });

    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    const init = workers[1].lastInit();
    expect(init).toMatchObject({ runId: 1, play: true, backend: 'auto', loss: 2 - 50 / 1000 });
    expect(init.weights?.step).toBe(50);
    expect(init.resume?.position.step).toBe(50);
    const s = c.run.getState();
    expect(s.notice).toBe(
      'The training worker crashed on WebAssembly: Uncaught Error: boom. Training goes on in a new worker from ' +
        'step 50, the last kept state (weights, optimiser and metric history): steps 51–80 are retrained. ' +
        'Embeddings of earlier steps are not kept.',
    );
    expect(s).toMatchObject({ runId: 1, step: 50, status: 'starting', error: null });
    expect(s.earlier.map((p) => p.step)).toEqual([0, 25]);
    // One run, not two: its record goes on with the history up to the kept step.
    const records = c.runs.getState().records;
    expect(records.map((r) => [r.id, r.status])).toEqual([[1, 'starting']]);
    expect(records[0].history.map((p) => p.step)).toEqual([0, 25]);

    // The new worker answers: the run trains on, its curve continuous, the old worker silent.
    workers[1].push(readyOn(1, 'wasm'), snapshotMessage(1, 50), { type: 'running', runId: 1, running: true });
    workers[1].push(snapshotMessage(1, 75));
    expect(c.run.getState().status).toBe('running');
    expect(c.runs.getState().records[0].history.map((p) => p.step)).toEqual([0, 25, 50, 75]);
    workers[0].push(snapshotMessage(1, 999));
    expect(c.run.getState().step).toBe(75);
  });

  it('goes on from the state kept in memory when storing it had failed, and stays paused if it was', async () => {
    const store = new MemoryStore();
    store.fail = true;
    const { c, workers } = await setup(store);
    await trainedAndKept(c, workers[0]);
    c.pauseTraining();
    workers[0].push({ type: 'running', runId: 1, running: false });
    workers[0].push({ type: 'error', message: 'Uncaught RangeError', fault: 'crash' });
    expect(store.saves).toHaveLength(0);
    const init = workers[1].lastInit();
    expect(init.weights?.step).toBe(50);
    expect(init.play).toBeUndefined();
  });

  it('starts again from step 0 when nothing was kept yet, and says so', async () => {
    const { c, workers } = await setup();
    workers[0].push(readyOn(1, 'wasm'), snapshotMessage(1, 0));
    c.startTraining();
    workers[0].push({ type: 'running', runId: 1, running: true }, snapshotMessage(1, 25));
    workers[0].push({ type: 'error', message: 'boom', fault: 'crash' });
    const init = workers[1].lastInit();
    expect(init).toMatchObject({ runId: 1, play: true });
    expect(init.weights).toBeUndefined();
    expect(c.run.getState().notice).toMatch(
      /^The training worker crashed on WebAssembly: boom\. Training starts again in a new worker from step 0: nothing had been kept yet, so steps 1–25 are retrained\.$/,
    );
    expect(c.runs.getState().records[0].history).toEqual([]);
  });

  it('falls back to another backend on a second crash without progress, and gives up after three', async () => {
    const { c, workers } = await setup();
    await trainedAndKept(c, workers[0], 'webgpu');
    workers[0].push({ type: 'error', message: 'boom', fault: 'crash' });
    expect(workers[1].lastInit().backend).toBe('auto');
    workers[1].push(readyOn(1, 'webgpu'), snapshotMessage(1, 50));
    workers[1].push({ type: 'error', message: 'boom', fault: 'crash' });
    // WebAssembly cannot train this model: WebGL is next.
    expect(workers[2].lastInit().backend).toBe('webgl');
    expect(c.run.getState().notice).toMatch(/new worker on WebGL from step 50/);
    workers[2].push({ type: 'error', message: 'boom', fault: 'crash' });
    expect(workers).toHaveLength(4);
    workers[3].push({ type: 'error', message: 'boom', fault: 'crash' });
    expect(workers).toHaveLength(4);
    expect(c.run.getState()).toMatchObject({ status: 'error', error: 'The training worker failed: boom' });
  });
});

describe('a lost WebGPU device', () => {
  it('goes on on WebAssembly from the last kept state, saying what was lost', async () => {
    const { c, workers } = await setup();
    await trainedAndKept(c, workers[0], 'webgpu');
    // WebAssembly can train this one.
    workers[0].push({
      type: 'ready',
      runId: 1,
      info: {
        datasetName: 'shapes',
        backend: 'webgpu',
        backends: [available('webgpu'), available('wasm')],
      } as RunInfo,
    });
    workers[0].push({
      type: 'error',
      runId: 1,
      message: 'The WebGPU device was lost (destroyed).',
      fault: 'backend',
    });
    expect(workers[0].terminated).toBe(true);
    expect(workers[1].lastInit()).toMatchObject({ runId: 1, backend: 'wasm', play: true });
    expect(c.run.getState().backendChoice).toBe('wasm');
    expect(c.run.getState().notice).toBe(
      'The WebGPU device was lost (destroyed). Training goes on in a new worker on WebAssembly from step 50, ' +
        'the last kept state (weights, optimiser and metric history): steps 51–80 are retrained. ' +
        'Embeddings of earlier steps are not kept.',
    );
  });
});

describe('a training worker that goes silent while training', () => {
  it('is taken for dead after 90 s and replaced, but not while paused', async () => {
    const { c, workers } = await setup();
    await trainedAndKept(c, workers[0]);
    await vi.advanceTimersByTimeAsync(85_000);
    expect(workers).toHaveLength(1);
    workers[0].push({ type: 'progress', runId: 1, step: 81, loss: 1.9, pairsPerSecond: 100 });
    await vi.advanceTimersByTimeAsync(85_000); // 85 s again since the last word: still alive
    expect(workers).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(workers).toHaveLength(2);
    expect(c.run.getState().notice).toMatch(
      /^The training worker crashed on WebAssembly: it stopped answering for 90 s while training\. Training goes on in a new worker from step 50/,
    );
    expect(workers[1].lastInit()).toMatchObject({ play: true });
    // Paused (or still starting): no word is expected.
    await vi.advanceTimersByTimeAsync(300_000);
    expect(workers).toHaveLength(2);
  });
});
