import { describe, expect, it } from 'vitest';
import { createController } from '../../src/state/controller';
import { defaultConfig } from '../../src/core/experiment/config';
import { encodeHash } from '../../src/core/experiment/urlCodec';
import { queueProgress } from '../../src/state/runsReducer';
import { FakeWorker, ready, snapshotMessage } from './fakeWorker';

function setup(hash = '', loadDataset?: (id: string) => Promise<never>) {
  const worker = new FakeWorker();
  const urls: string[] = [];
  const location = { hash, href: 'http://localhost/app/', pathname: '/app/', search: '' };
  const history = {
    replaceState: (_: unknown, __: string, url?: string | URL | null) => void urls.push(String(url)),
  };
  const c = createController(location, history, { client: worker, ...(loadDataset ? { loadDataset } : {}) });
  return { c, worker, urls };
}

/** The shown run, trained to `step` with evaluations at 0 and `step`. */
function trained(worker: FakeWorker, runId: number, step: number) {
  worker.push(
    ready(runId),
    snapshotMessage(runId, 0),
    { type: 'running', runId, running: true },
    { type: 'progress', runId, step, loss: 1.5, pairsPerSecond: 900 },
    snapshotMessage(runId, step),
  );
}

const statuses = (c: ReturnType<typeof setup>['c']) => c.runs.getState().records.map((r) => [r.id, r.status]);

describe('the controller', () => {
  it('starts the link’s run at once, with an id and the configured steps', () => {
    const { c, worker, urls } = setup();
    const init = worker.lastInit();
    expect(init).toMatchObject({ runId: 1, targetSteps: 600, baseUrl: 'http://localhost/app/' });
    expect(init.play).toBeUndefined();
    expect(c.run.getState()).toMatchObject({ runId: 1, status: 'starting', targetSteps: 600 });
    expect(statuses(c)).toEqual([[1, 'starting']]);
    expect(urls).toEqual(['/app/']); // the defaults: an empty hash
  });

  it('switching the dataset mid-run clears the shown run at once and starts a new one', () => {
    const { c, worker, urls } = setup();
    trained(worker, 1, 50);
    expect(c.run.getState()).toMatchObject({ status: 'running', step: 50, pairsPerSecond: 900 });
    c.updateConfig({ dataset: 'emoji' });
    expect(worker.lastInit()).toMatchObject({ runId: 2, config: { dataset: 'emoji' } });
    expect(c.run.getState()).toMatchObject({
      runId: 2,
      status: 'starting',
      info: null,
      snapshots: [],
      step: 0,
      pairsPerSecond: 0,
    });
    expect(c.run.getState().loss).toBeNaN();
    expect(urls.at(-1)).toBe('#dataset=emoji');
    // The replaced run is kept, stopped, with its evaluations (without embeddings).
    const [old] = c.runs.getState().records;
    expect(old).toMatchObject({ id: 1, status: 'stopped', step: 50, stopReason: 'Replaced by another run.' });
    expect(old.history.map((p) => [p.step, p.metrics.gap])).toEqual([
      [0, 0],
      [50, 0.05],
    ]);
    expect(old.history[1]).not.toHaveProperty('image');
    expect(old.last?.image).toBeInstanceOf(Float32Array);
  });

  it('never draws a late message of a replaced run as the new one’s', () => {
    const { c, worker } = setup();
    trained(worker, 1, 50);
    c.updateConfig({ dataset: 'emoji' });
    worker.push(
      snapshotMessage(1, 75),
      { type: 'progress', runId: 1, step: 80, loss: 1, pairsPerSecond: 1000 },
      { type: 'running', runId: 1, running: false },
      { type: 'finished', runId: 1, step: 80 },
    );
    expect(c.run.getState()).toMatchObject({ runId: 2, status: 'starting', snapshots: [], step: 0 });
    // It may still update its own record.
    expect(c.runs.getState().records[0].history.map((p) => p.step)).toEqual([0, 50, 75]);
    worker.push(ready(2, 'emoji'), snapshotMessage(2, 0));
    expect(c.run.getState().snapshots.map((s) => [s.runId, s.step])).toEqual([[2, 0]]);
    expect(c.run.getState().info?.datasetName).toBe('emoji');
  });

  it('shows an error from the worker and settles every waiting request', async () => {
    const { c, worker } = setup();
    trained(worker, 1, 20);
    const weights = c.requestWeights();
    const inspection = c.inspect({ pairs: [0] });
    worker.push({ type: 'error', runId: 1, message: 'Out of memory.' });
    expect(c.run.getState()).toMatchObject({ status: 'error', error: 'Out of memory.' });
    expect(c.runs.getState().records[0]).toMatchObject({ status: 'error', error: 'Out of memory.' });
    await expect(weights).rejects.toThrow('Out of memory.');
    await expect(inspection).resolves.toEqual({ step: 0, inspection: null });
    // An error of a replaced run does not touch the shown one; one without a run is the shown run's.
    c.resetRun();
    worker.push({ type: 'error', runId: 1, message: 'late' });
    expect(c.run.getState()).toMatchObject({ runId: 2, status: 'starting', error: null });
    worker.push({ type: 'error', message: 'The training worker failed: boom' });
    expect(c.run.getState()).toMatchObject({ status: 'error', error: 'The training worker failed: boom' });
  });

  it('answers requests by id: weights, and only the latest search', async () => {
    const { c, worker } = setup();
    const weights = c.requestWeights();
    worker.push({
      type: 'weights',
      id: worker.of('exportWeights')[0].id,
      weights: null,
      message: 'No model yet.',
    });
    await expect(weights).rejects.toThrow('No model yet.');
    c.searchText('red');
    c.searchText('red circle');
    const [first, second] = worker.of('searchText');
    worker.push({ type: 'searchResult', id: second.id, hits: [{ index: 3, score: 0.9 }], unknownWords: [] });
    worker.push({
      type: 'searchResult',
      id: first.id,
      hits: [{ index: 7, score: 0.2 }],
      unknownWords: ['x'],
    });
    await Promise.resolve();
    expect(c.selection.getState().results).toEqual({
      kind: 'images',
      hits: [{ index: 3, score: 0.9 }],
      unknownWords: [],
    });
  });

  it('falls back to shapes, with a notice, when a link names imported data this browser lacks', async () => {
    const hash = encodeHash({ ...defaultConfig(), dataset: 'imported' }, { data: 'abc123' });
    const { c, worker, urls } = setup(hash, (id) => Promise.reject(new Error(`There is no dataset ${id}.`)));
    expect(worker.sent).toEqual([]); // nothing trains until the data is known
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(worker.lastInit().config.dataset).toBe('shapes');
    expect(c.run.getState().config.dataset).toBe('shapes');
    expect(c.run.getState().notice).toMatch(
      /^The imported dataset this link refers to could not be opened: There is no dataset abc123\. .*shapes instead\.$/,
    );
    expect(urls.at(-1)).toBe('/app/');
  });

  it('says so when a link asks for imported pairs without naming them', () => {
    const { c, worker } = setup(encodeHash({ ...defaultConfig(), dataset: 'imported' }));
    expect(worker.lastInit().config.dataset).toBe('shapes');
    expect(c.run.getState().notice).toBe('This link asks for imported pairs but does not say which.');
  });

  it('finishes at Steps, and Play then trains another Steps', () => {
    const { c, worker } = setup();
    trained(worker, 1, 600);
    worker.push({ type: 'running', runId: 1, running: false }, { type: 'finished', runId: 1, step: 600 });
    expect(c.run.getState()).toMatchObject({ status: 'finished', step: 600, targetSteps: 600 });
    expect(c.runs.getState().records[0]).toMatchObject({ status: 'finished', step: 600 });
    c.startTraining();
    expect(worker.sent.at(-1)).toEqual({ type: 'continue', runId: 1, steps: 600 });
    expect(worker.of('play')).toEqual([]);
    expect(c.run.getState().targetSteps).toBe(1200);
    worker.push({ type: 'running', runId: 1, running: true });
    expect(c.run.getState().status).toBe('running');
    expect(c.runs.getState().records[0]).toMatchObject({ status: 'running', targetSteps: 1200 });
  });

  it('trains a queue one run after another; a failing run is recorded and the queue goes on', () => {
    const { c, worker } = setup();
    const base = defaultConfig();
    const queueId = c.runQueue(
      [
        { config: { ...base, seed: 1 }, steps: 5 },
        { config: { ...base, seed: 2 } },
        { config: { ...base, seed: 3 }, steps: 0 },
      ],
      'seeds',
    );
    // The untrained manual run 1 is forgotten; the queue's runs are 2, 3, 4.
    expect(statuses(c)).toEqual([
      [2, 'starting'],
      [3, 'queued'],
      [4, 'queued'],
    ]);
    expect(worker.lastInit()).toMatchObject({ runId: 2, targetSteps: 5, play: true, config: { seed: 1 } });
    expect(c.run.getState()).toMatchObject({ runId: 2, targetSteps: 5, config: { seed: 1 } });
    expect(queueProgress(c.runs.getState())).toEqual({ label: 'seeds', run: 1, total: 3, done: false });
    trained(worker, 2, 5);
    worker.push({ type: 'running', runId: 2, running: false }, { type: 'finished', runId: 2, step: 5 });
    expect(worker.lastInit()).toMatchObject({ runId: 3, targetSteps: 600, play: true, config: { seed: 2 } });
    expect(queueProgress(c.runs.getState())?.run).toBe(2);
    worker.push({ type: 'error', runId: 3, message: 'WebGL lost its context.' });
    const last = worker.lastInit();
    expect(last).toMatchObject({ runId: 4, targetSteps: 0, config: { seed: 3 } });
    expect(last.play).toBeUndefined();
    worker.push(ready(4), snapshotMessage(4, 0), { type: 'finished', runId: 4, step: 0 });
    const { records, queue } = c.runs.getState();
    expect(records.map((r) => [r.id, r.status, r.error, r.history.length])).toEqual([
      [2, 'finished', null, 2],
      [3, 'error', 'WebGL lost its context.', 0],
      [4, 'finished', null, 1],
    ]);
    expect(records.map((r) => r.queue)).toEqual(
      [0, 1, 2].map((index) => ({ id: queueId, label: 'seeds', index, total: 3 })),
    );
    expect(queue).toEqual({ id: queueId, label: 'seeds', runIds: [2, 3, 4], index: 3, done: true });
    expect(queueProgress(c.runs.getState())).toEqual({ label: 'seeds', run: 3, total: 3, done: true });
    expect(worker.of('init')).toHaveLength(4);
    expect(c.run.getState()).toMatchObject({ runId: 4, status: 'finished' });
  });

  it('cancelQueue pauses the run training and cancels it and those waiting', () => {
    const { c, worker } = setup();
    const base = defaultConfig();
    c.runQueue(
      [0.05, 0.1, 0.2].map((temperature) => ({ config: { ...base, temperature }, steps: 100 })),
      't',
    );
    worker.push(ready(2), snapshotMessage(2, 0), { type: 'running', runId: 2, running: true });
    c.cancelQueue();
    expect(worker.sent.at(-1)).toEqual({ type: 'pause' });
    worker.push({ type: 'running', runId: 2, running: false });
    expect(c.runs.getState().records.map((r) => [r.id, r.status, r.stopReason])).toEqual([
      [2, 'cancelled', 'The queue was cancelled.'],
      [3, 'cancelled', null],
      [4, 'cancelled', null],
    ]);
    expect(c.runs.getState().queue).toMatchObject({ index: 0, done: true });
    expect(c.run.getState()).toMatchObject({ runId: 2, status: 'ready' });
    expect(worker.of('init')).toHaveLength(2); // nothing more starts
    worker.push({ type: 'finished', runId: 2, step: 100 });
    expect(worker.of('init')).toHaveLength(2);
  });

  it('a change of settings by hand ends the queue', () => {
    const { c, worker } = setup();
    c.runQueue(
      [
        { config: defaultConfig(), steps: 10 },
        { config: defaultConfig(), steps: 10 },
      ],
      'q',
    );
    worker.push(ready(2), snapshotMessage(2, 0), { type: 'running', runId: 2, running: true });
    c.updateConfig({ seed: 5 });
    expect(worker.lastInit()).toMatchObject({ runId: 4, config: { seed: 5 } });
    expect(statuses(c)).toEqual([
      [2, 'cancelled'],
      [3, 'cancelled'],
      [4, 'starting'],
    ]);
  });

  it('compares two kept runs, and says so when one is gone', () => {
    const { c, worker } = setup();
    trained(worker, 1, 10);
    c.resetRun();
    c.compareRuns([1, 2]);
    expect(c.runs.getState().comparison).toEqual([1, 2]);
    c.compareRuns([1, 99]);
    expect(c.runs.getState().comparison).toEqual([1, 2]);
    expect(c.run.getState().notice).toBe('Run 99 is no longer kept.');
    c.compareRuns(null);
    expect(c.runs.getState().comparison).toBeNull();
  });
});
