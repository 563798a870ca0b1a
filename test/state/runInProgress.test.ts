import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createController } from '../../src/state/controller';
import { defaultConfig } from '../../src/core/experiment/config';
import { encodeHash } from '../../src/core/experiment/urlCodec';
import type { ModelWeights } from '../../src/core/export/modelFile';
import type { ResumeState } from '../../src/training/resumeState';
import type { RunInProgressStore, SavedRun } from '../../src/state/persistence/runInProgress';
import { StorageError, STORAGE_MESSAGES } from '../../src/state/persistence/storageError';
import { runPoint } from '../../src/state/runsReducer';
import { cardSnapshots } from '../../src/ui/metrics/metricChange';
import { FakeWorker, ready, snapshot, snapshotMessage } from './fakeWorker';
import type { RunInfo, WorkerResponse } from '../../src/training/protocol';

/** An in-memory stand-in for the browser's storage: one slot, every save recorded. */
class FakeStore implements RunInProgressStore {
  saves: SavedRun[] = [];
  failWith: Error | null = null;
  constructor(public slot: SavedRun | null = null) {}
  save(run: SavedRun): Promise<void> {
    if (this.failWith) return Promise.reject(this.failWith);
    this.saves.push(run);
    this.slot = run;
    return Promise.resolve();
  }
  load(): Promise<SavedRun | null> {
    return Promise.resolve(this.slot);
  }
}

const weightsAt = (step: number, config = defaultConfig()): ModelWeights => ({
  specs: [],
  data: new ArrayBuffer(8),
  config,
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
/** A kept run at `step` with evaluations every 25 steps. */
const savedAt = (step: number, config = defaultConfig()): SavedRun => ({
  config,
  backendChoice: 'auto',
  targetSteps: 600,
  step,
  history: Array.from({ length: step / 25 + 1 }, (_, i) => runPoint(snapshot(9, i * 25))),
  weights: weightsAt(step, config),
  resume: resumeAt(step),
  savedAt: 0,
});

/** A controller over the fake worker and store; `hide` fires the page-hidden event. */
async function setup(store: FakeStore, hash = '') {
  const worker = new FakeWorker();
  const location = { hash, href: 'http://localhost/app/', pathname: '/app/', search: '' };
  const history = { replaceState: () => undefined };
  let hide = () => undefined as void;
  const c = createController(location, history, {
    client: worker,
    runStore: store,
    onPageHide: (save) => {
      hide = save;
      return () => undefined;
    },
  });
  await vi.advanceTimersByTimeAsync(0); // the store is read before the first run starts
  return { c, worker, hide: () => hide() };
}

/** Answers the latest weights request as the worker would, at `step`. */
function answerWeights(worker: FakeWorker, step: number) {
  const request = worker.of('exportWeights').at(-1);
  if (!request) throw new Error('no weights were asked for');
  worker.push({ type: 'weights', id: request.id, weights: weightsAt(step), resume: resumeAt(step) });
}

/** The worker's 'ready' of a run built from kept weights. */
const restoredReady = (runId: number, step: number, continued: boolean): WorkerResponse => ({
  type: 'ready',
  runId,
  info: { datasetName: 'shapes', restored: { step, continued } } as RunInfo,
});

function train(worker: FakeWorker, runId: number, step: number) {
  worker.push(
    ready(runId),
    snapshotMessage(runId, 0),
    { type: 'running', runId, running: true },
    snapshotMessage(runId, step),
  );
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('keeping the run in progress', () => {
  it('saves a paused run: its settings, weights, resume state, step and metric history', async () => {
    const store = new FakeStore();
    const { worker } = await setup(store);
    train(worker, 1, 50);
    worker.push({ type: 'running', runId: 1, running: false });
    expect(worker.of('exportWeights').at(-1)).toMatchObject({ resume: true });
    answerWeights(worker, 50);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.saves).toHaveLength(1);
    const [kept] = store.saves;
    expect(kept).toMatchObject({
      config: defaultConfig(),
      backendChoice: 'auto',
      targetSteps: 600,
      step: 50,
    });
    expect(kept.history.map((p) => [p.step, p.metrics.gap])).toEqual([
      [0, 0],
      [50, 0.05],
    ]);
    expect(kept.history[0]).not.toHaveProperty('image');
    expect(kept.resume?.position.step).toBe(50);
  });

  it('saves every 15 s while training and on finishing, but never an untrained run, nor twice the same step', async () => {
    const store = new FakeStore();
    const { worker } = await setup(store);
    worker.push(ready(1), snapshotMessage(1, 0), { type: 'running', runId: 1, running: true });
    await vi.advanceTimersByTimeAsync(15_000);
    expect(worker.of('exportWeights')).toHaveLength(0); // still at step 0
    worker.push(snapshotMessage(1, 25));
    await vi.advanceTimersByTimeAsync(15_000);
    expect(worker.of('exportWeights')).toHaveLength(1);
    answerWeights(worker, 25);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(worker.of('exportWeights')).toHaveLength(1); // nothing new since
    worker.push(snapshotMessage(1, 600), { type: 'finished', runId: 1, step: 600 });
    expect(worker.of('exportWeights')).toHaveLength(2);
    answerWeights(worker, 600);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.saves.map((s) => s.step)).toEqual([25, 600]);
  });

  it('saves after a single step while paused, a few seconds after the previous save', async () => {
    const store = new FakeStore();
    const { c, worker } = await setup(store);
    train(worker, 1, 50);
    worker.push({ type: 'running', runId: 1, running: false });
    answerWeights(worker, 50);
    await vi.advanceTimersByTimeAsync(0);
    c.stepOnce();
    worker.push(snapshotMessage(1, 51));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(worker.of('exportWeights')).toHaveLength(1); // not within 3 s of the last save
    await vi.advanceTimersByTimeAsync(1_000);
    answerWeights(worker, 51);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.saves.map((s) => s.step)).toEqual([50, 51]);
  });

  it('saves when the page is hidden, without waiting for the gap between saves', async () => {
    const store = new FakeStore();
    const { worker, hide } = await setup(store);
    train(worker, 1, 50);
    worker.push({ type: 'running', runId: 1, running: false });
    answerWeights(worker, 50);
    await vi.advanceTimersByTimeAsync(0);
    worker.push(snapshotMessage(1, 51)); // one step more, then the tab is switched away
    hide();
    answerWeights(worker, 51);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.saves.map((s) => s.step)).toEqual([50, 51]);
  });

  it('reports a failed save once, keeps training, and keeps the last complete save', async () => {
    const store = new FakeStore(savedAt(25, { ...defaultConfig(), dataset: 'emoji' }));
    const { c, worker } = await setup(store);
    store.failWith = new StorageError('quota', STORAGE_MESSAGES.quota);
    train(worker, 1, 50);
    worker.push({ type: 'running', runId: 1, running: false });
    answerWeights(worker, 50);
    await vi.advanceTimersByTimeAsync(0);
    expect(c.run.getState().notice).toMatch(
      /could not be kept for a reload: .*storage .* is full.* Training goes on/,
    );
    c.dismissNotice();
    c.startTraining();
    worker.push({ type: 'running', runId: 1, running: true }, snapshotMessage(1, 75));
    worker.push({ type: 'running', runId: 1, running: false });
    await vi.advanceTimersByTimeAsync(3_000);
    answerWeights(worker, 75);
    await vi.advanceTimersByTimeAsync(0);
    expect(worker.of('exportWeights')).toHaveLength(2);
    expect(c.run.getState().notice).toBeNull(); // said once
    expect(c.run.getState().status).toBe('ready');
    expect(store.slot?.step).toBe(25);
  });
});

describe('restoring the run in progress', () => {
  it('goes on from the kept run when the link asks for its settings: step, weights, history', async () => {
    const store = new FakeStore(savedAt(50));
    const { c, worker } = await setup(store);
    const init = worker.lastInit();
    expect(init).toMatchObject({
      runId: 1,
      targetSteps: 600,
      weights: { step: 50 },
      resume: { position: { step: 50 } },
    });
    // The loss curve goes on from the loss recorded at step 50 (snapshot(…, 50).loss = 2 - 50 / 1000).
    expect(init.loss).toBe(1.95);
    expect(c.run.getState()).toMatchObject({ runId: 1, step: 50, status: 'starting' });
    expect(c.run.getState().earlier.map((p) => p.step)).toEqual([0, 25]);
    expect(c.runs.getState().records[0]).toMatchObject({ id: 1, step: 50 });
    worker.push(restoredReady(1, 50, true));
    expect(c.run.getState().notice).toBe(
      'Restored the run in progress at step 50: its weights and its metric history (charts, cards, CSV), with ' +
        'the optimiser’s state and the batch order, so training goes on exactly where it stopped. Embeddings ' +
        'of earlier steps are not kept: the shared space and the timeline start at step 50.',
    );
    worker.push(snapshotMessage(1, 50), snapshotMessage(1, 75));
    // The cards measure the change from the run's first evaluation, before the reload.
    const { shown, first } = cardSnapshots(c.run.getState());
    expect([shown?.step, first?.step]).toEqual([75, 0]);
    expect(c.runs.getState().records[0].history.map((p) => p.step)).toEqual([0, 25, 50, 75]);
    // Restored at step 50 and not moved on: nothing to save again.
    expect(store.saves).toEqual([]);
  });

  it('says so when the optimiser could not be restored', async () => {
    const { c, worker } = await setup(new FakeStore(savedAt(50)));
    worker.push(restoredReady(1, 50, false));
    expect(c.run.getState().notice).toMatch(/The optimiser \(Adam\) starts afresh/);
  });

  it('starts afresh for a link with other settings, and keeps the saved run until the new one trained', async () => {
    const store = new FakeStore(savedAt(50));
    const { c, worker } = await setup(store, encodeHash({ ...defaultConfig(), lr: 0.01 }));
    const init = worker.lastInit();
    expect(init.weights).toBeUndefined();
    expect(init.config.lr).toBe(0.01);
    expect(c.run.getState()).toMatchObject({ step: 0, earlier: [], notice: null });
    worker.push(ready(1), snapshotMessage(1, 0), { type: 'running', runId: 1, running: true });
    worker.push({ type: 'running', runId: 1, running: false });
    expect(worker.of('exportWeights')).toHaveLength(0);
    expect(store.slot?.step).toBe(50);
  });
});

describe('opening saved weights', () => {
  it('counts on from their step and trains another Steps from there', async () => {
    const { c, worker } = await setup(new FakeStore());
    c.openWeights(weightsAt(343));
    expect(worker.lastInit()).toMatchObject({ runId: 2, targetSteps: 943, weights: { step: 343 } });
    expect(worker.lastInit().resume).toBeUndefined();
    expect(c.run.getState()).toMatchObject({ step: 343, targetSteps: 943, earlier: [] });
    worker.push(ready(2), snapshotMessage(2, 343), snapshotMessage(2, 350));
    expect(cardSnapshots(c.run.getState()).first?.step).toBe(343);
  });
});
