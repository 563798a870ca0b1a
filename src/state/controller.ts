/**
 * Wires the training worker to the stores and the URL. Actions are verbs the UI calls; the worker's
 * messages become state: of the shown run (only its own messages) and of every run's record. The only
 * module that talks to the worker, through an injected client (a fake in tests).
 */
import { resolveConfig, type ExperimentConfig } from '../core/experiment/config';
import { TrainingClient, type WorkerClient } from '../training/client';
import type { RunId, WorkerResponse } from '../training/protocol';
import type { ModelWeights } from '../core/export/modelFile';
import { loadDataset, type StoredDataset } from './persistence/datasets';
import { createStore } from './store';
import { shownRunPatch, type RunState, type SelectionState } from './runState';
import type { RunRecord, RunsState } from './runs';
import * as R from './runsReducer';
import { createRequests } from './requests';
import { readLink, writeLink } from './urlSync';
import type { Controller, Imported, InspectAnswer, SearchAnswer } from './controllerApi';

export type { Controller } from './controllerApi';

/** What the controller needs from outside; the defaults are the browser's. */
export interface ControllerDeps {
  client?: WorkerClient;
  /** Opens a stored imported dataset by id (IndexedDB in the browser). */
  loadDataset?: (id: string) => Promise<Pick<StoredDataset, 'data' | 'report'>>;
  /** What the page shows (lesson, presentation), written into the link after the settings. */
  viewExtras?: () => Record<string, string>;
}

export function createController(
  location: Pick<Location, 'hash' | 'href' | 'pathname' | 'search'>,
  history: Pick<History, 'replaceState'>,
  deps: ControllerDeps = {},
): Controller {
  const link = readLink(location.hash);
  /** Run ids are unique per page load; queued runs take theirs when queued. */
  let lastRunId = 0;
  let lastQueueId = 0;
  const run = createStore<RunState>({
    runId: lastRunId,
    config: link.config,
    backendChoice: link.backendChoice,
    notice: link.notice,
    info: null,
    status: 'starting',
    targetSteps: link.config.steps,
    step: 0,
    loss: NaN,
    pairsPerSecond: 0,
    snapshots: [],
    scrub: null,
    stopReason: null,
    error: null,
    imported: null,
  });
  const runs = createStore<RunsState>(R.emptyRuns());
  const selection = createStore<SelectionState>({ selected: null, hovered: null, query: '', results: null });
  const client = deps.client ?? new TrainingClient();
  const searches = createRequests<SearchAnswer>();
  const weightRequests = createRequests<ModelWeights>();
  const inspections = createRequests<InspectAnswer>();
  /** Saved weights for the next init only: a reset afterwards starts from fresh weights. */
  let pendingWeights: ModelWeights | undefined;
  // Relative to the page, so built-in data loads from any sub-path (and from the offline cache).
  const baseUrl = new URL('.', location.href).href;

  const writeHash = () => {
    const { config, backendChoice, imported } = run.getState();
    writeLink(location, history, { config, backendChoice, dataId: imported?.data.id }, deps.viewExtras?.());
  };

  /** Shows `record`'s run instead of the current one (cleared at once) and has the worker build it. */
  const begin = (record: RunRecord, play: boolean) => {
    runs.setState((s) => {
      const retired = R.retireRecord(s, run.getState().runId);
      return R.findRecord(retired, record.id)
        ? R.updateRecord(retired, record.id, () => ({ status: 'starting' }))
        : R.addRecords(retired, [record]);
    });
    const { config, targetSteps } = record;
    run.setState({
      runId: record.id,
      config,
      targetSteps,
      status: 'starting',
      info: null,
      snapshots: [],
      scrub: null,
      step: 0,
      loss: NaN,
      pairsPerSecond: 0,
      stopReason: null,
      error: null,
    });
    selection.setState({ selected: null, hovered: null, results: null });
    writeHash();
    const { imported, backendChoice: backend } = run.getState();
    const weights = pendingWeights;
    pendingWeights = undefined;
    client.send({
      type: 'init',
      runId: record.id,
      config,
      targetSteps,
      ...(play ? { play } : {}),
      backend,
      baseUrl,
      ...(config.dataset === 'imported' && imported ? { data: imported.data } : {}),
      ...(weights ? { weights } : {}),
    });
  };

  /** A new run of the shown settings. The user took over: a queue under way ends. */
  const init = () => {
    runs.setState((s) => R.cancelQueued(s, 'Replaced by a run with other settings.'));
    const { config } = run.getState();
    begin(R.newRecord(++lastRunId, config, config.steps), false);
  };

  /** Switches to other settings and data and restarts (from `weights` when given). */
  const restart = (
    config: ExperimentConfig,
    imported?: Imported | null,
    weights?: ModelWeights,
    notice?: string,
  ) => {
    run.setState((s) => ({ config, imported: imported ?? s.imported, ...(notice ? { notice } : {}) }));
    pendingWeights = weights;
    init();
  };

  /** Run `ended` ended: when it was the queue's head, the next queued run starts. */
  const nextInQueue = (ended: RunId) => {
    if (R.queueHead(runs.getState())?.id !== ended) return;
    runs.setState((s) => R.advanceQueue(s, ended));
    const next = R.queueHead(runs.getState());
    if (next) begin(next, next.targetSteps > 0);
  };

  const onMessage = (m: WorkerResponse) => {
    if (m.type === 'searchResult') return searches.answer(m.id, m);
    if (m.type === 'inspection') return inspections.answer(m.id, { step: m.step, inspection: m.inspection });
    if (m.type === 'weights')
      return weightRequests.answer(
        m.id,
        m.weights ?? new Error(m.message ?? 'The weights could not be read.'),
      );
    const shown = run.getState().runId;
    const runId = m.runId ?? shown; // an error of the worker as a whole is the shown run's
    runs.setState((s) => R.recordMessage(s, m, runId));
    // A message of a replaced run is never drawn as the shown one's.
    if (runId === shown) run.setState((s) => shownRunPatch(s, m));
    if (m.type === 'error') {
      weightRequests.abandon(new Error(m.message));
      inspections.abandon({ step: 0, inspection: null });
      searches.abandon(new Error(m.message));
    }
    if (m.type === 'finished' || m.type === 'stopped' || m.type === 'error') nextInQueue(runId);
  };

  const continueTraining = () => {
    const { runId, step, config } = run.getState();
    const targetSteps = step + config.steps;
    run.setState({ scrub: null, stopReason: null, targetSteps });
    runs.setState((s) => R.updateRecord(s, runId, () => ({ targetSteps })));
    client.send({ type: 'continue', runId, steps: config.steps });
  };

  /** Sends a search; its answer is shown unless a newer search was sent meanwhile. */
  const search = (kind: 'images' | 'captions', send: (id: number) => void) => {
    selection.setState({ results: { kind, hits: [], unknownWords: [] } });
    searches.ask(send).then(
      (a) => {
        if (a.id !== searches.latest()) return;
        selection.setState((s) => ({
          results: { kind: s.results?.kind ?? kind, hits: a.hits, unknownWords: a.unknownWords },
        }));
      },
      () => undefined, // the worker failed: its error is shown with the run
    );
  };
  const searchImage = (index: number) =>
    search('captions', (id) => client.send({ type: 'searchImage', id, index, k: 5 }));

  const unlisten = client.listen(onMessage);
  // A link to imported pairs works only where they were imported: elsewhere, say so and use shapes.
  if (link.config.dataset === 'imported') {
    const fallBack = (why: string) =>
      restart({ ...run.getState().config, dataset: 'shapes' }, null, undefined, why);
    if (!link.dataId) fallBack('This link asks for imported pairs but does not say which.');
    else
      (deps.loadDataset ?? loadDataset)(link.dataId).then(
        (stored) => {
          if (run.getState().config.dataset === 'imported')
            restart(run.getState().config, { data: stored.data, report: stored.report });
        },
        (e: unknown) =>
          fallBack(
            `The imported dataset this link refers to could not be opened: ${e instanceof Error ? e.message : String(e)} ` +
              'Imported pairs stay in the browser they were imported in, so a link to them works only there. ' +
              'Showing the built-in shapes instead.',
          ),
      );
  } else init();

  return {
    run,
    runs,
    selection,
    startTraining() {
      if (run.getState().status === 'finished') return continueTraining();
      run.setState({ scrub: null, stopReason: null });
      client.send({ type: 'play' });
    },
    pauseTraining: () => client.send({ type: 'pause' }),
    stepOnce: () => {
      run.setState({ scrub: null });
      client.send({ type: 'step' });
    },
    continueTraining,
    resetRun: init,
    updateConfig(patch) {
      const { config, errors } = resolveConfig(patch, run.getState().config);
      if (config.dataset === 'imported' && !run.getState().imported) {
        config.dataset = run.getState().config.dataset;
        errors.push(
          'There are no imported pairs yet: drop a folder or files in the Data panel, or open a saved dataset',
        );
      }
      run.setState({ config, ...(errors.length ? { notice: errors.join('; ') } : {}) });
      init();
    },
    chooseBackend(choice) {
      run.setState({ backendChoice: choice });
      init();
    },
    scrubTo: (index) => run.setState({ scrub: index }),
    selectPair(pair) {
      selection.setState({ selected: pair });
      if (pair !== null) searchImage(pair);
    },
    hoverPoint: (point) => selection.setState({ hovered: point }),
    searchText(text) {
      selection.setState({ query: text });
      search('images', (id) => client.send({ type: 'searchText', id, text, k: 8 }));
    },
    searchImage,
    dismissNotice: () => run.setState({ notice: null }),
    useImportedData: (data, report) =>
      restart({ ...run.getState().config, dataset: 'imported' }, { data, report }),
    openConfig: (config, imported) => restart(config, imported),
    openWeights: (weights, imported) => restart(weights.config, imported, weights),
    requestWeights: () => weightRequests.ask((id) => client.send({ type: 'exportWeights', id })),
    inspect: (request) => inspections.ask((id) => client.send({ type: 'inspect', id, request })),
    runQueue(items, label) {
      runs.setState((s) => R.cancelQueued(s, 'Replaced by another queue.'));
      const id = ++lastQueueId;
      runs.setState((s) => R.enqueue(s, id, label, items, lastRunId + 1));
      lastRunId += items.length;
      const head = R.queueHead(runs.getState());
      if (head) begin(head, head.targetSteps > 0);
      return id;
    },
    cancelQueue() {
      const head = R.queueHead(runs.getState());
      if (!head) return;
      runs.setState((s) => R.cancelQueued(s, 'The queue was cancelled.'));
      if (head.id === run.getState().runId) client.send({ type: 'pause' });
    },
    compareRuns(pair) {
      const missing = pair?.find((id) => !R.findRecord(runs.getState(), id));
      if (missing !== undefined) return run.setState({ notice: `Run ${missing} is no longer kept.` });
      runs.setState({ comparison: pair });
    },
    notify: (message) => run.setState({ notice: message }),
    refreshLink: writeHash,
    dispose() {
      unlisten();
      client.terminate();
    },
  };
}
