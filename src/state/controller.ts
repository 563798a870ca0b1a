/**
 * The page's controller: composes the parts that own the runs and gives the UI its actions (verbs, see
 * controllerApi.ts) and stores. The worker is reached only through workerConnection.ts (an injected
 * client in tests); its messages become state in workerMessages.ts; runs begin in runLauncher.ts, go on
 * after a crash in workerRecovery.ts and one after another in runQueue.ts; the first run of a page
 * load (restored or fresh) is chosen in pageStart.ts; runKeeper.ts keeps the shown run for a reload.
 */
import { resolveConfig } from '../core/experiment/config';
import type { WorkerClient } from '../training/client';
import { loadDataset, type StoredDataset } from './persistence/datasets';
import { browserRunStore, type RunInProgressStore } from './persistence/runInProgress';
import { browserPageHide, keepRunInProgress } from './runKeeper';
import { createStore } from './store';
import type { RunState, SelectionState } from './runState';
import type { RunsState } from './runs';
import * as R from './runsReducer';
import { readLink, writeLink } from './urlSync';
import { watchSilence } from './silenceWatch';
import { connectWorker } from './workerConnection';
import { createRunLauncher } from './runLauncher';
import { createWorkerRecovery } from './workerRecovery';
import { createRunQueue } from './runQueue';
import { handleWorkerMessages } from './workerMessages';
import { startPage } from './pageStart';
import { createPairSearch } from './pairSearch';
import type { Controller } from './controllerApi';

export type { Controller } from './controllerApi';

/** What the controller needs from outside; the defaults are the browser's. */
export interface ControllerDeps {
  client?: WorkerClient;
  /**
   * Starts a new training worker after one crashed (default: a browser worker, unless `client` was
   * given: then a crash is shown as the run's error).
   */
  createClient?: () => WorkerClient;
  /** Opens a stored imported dataset by id (IndexedDB in the browser). */
  loadDataset?: (id: string) => Promise<Pick<StoredDataset, 'data' | 'report'>>;
  /** What the page shows (lesson, presentation), written into the link after the settings. */
  viewExtras?: () => Record<string, string>;
  /**
   * Where the run in progress is kept across reloads (default: the browser's storage where there is
   * one; null keeps nothing), and the page-hidden events that save it.
   */
  runStore?: RunInProgressStore | null;
  onPageHide?: (save: () => void) => () => void;
}

export function createController(
  location: Pick<Location, 'hash' | 'href' | 'pathname' | 'search'>,
  history: Pick<History, 'replaceState'>,
  deps: ControllerDeps = {},
): Controller {
  const link = readLink(location.hash);
  const run = createStore<RunState>({
    runId: 0, // no run yet: the first takes id 1
    config: link.config,
    backendChoice: link.backendChoice,
    notice: link.notice,
    info: null,
    status: 'starting',
    targetSteps: link.config.steps,
    step: 0,
    loss: NaN,
    pairsPerSecond: 0,
    earlier: [],
    snapshots: [],
    scrub: null,
    stopReason: null,
    error: null,
    imported: null,
  });
  const runs = createStore<RunsState>(R.emptyRuns());
  const selection = createStore<SelectionState>({ selected: null, hovered: null, query: '', results: null });

  const writeHash = () => {
    const { config, backendChoice, imported } = run.getState();
    writeLink(location, history, { config, backendChoice, dataId: imported?.data.id }, deps.viewExtras?.());
  };

  // The parts below need one another; messages only come after the worker was sent its first run.
  const worker = connectWorker(deps, (m) => {
    silence.heard();
    onMessage(m);
  });
  const runStore =
    deps.runStore === undefined ? (typeof indexedDB === 'undefined' ? null : browserRunStore) : deps.runStore;
  const keeper = runStore
    ? keepRunInProgress(run, runs, {
        store: runStore,
        requestState: () =>
          worker.weights.ask((id) => worker.send({ type: 'exportWeights', id, resume: true })),
        dataId: () => run.getState().imported?.data.id,
        onError: (message) => run.setState({ notice: message }),
        onPageHide: deps.onPageHide ?? browserPageHide,
      })
    : null;
  const launcher = createRunLauncher({
    run,
    runs,
    selection,
    worker,
    keeper,
    baseUrl: new URL('.', location.href).href,
    writeLink: writeHash,
  });
  const recovery = createWorkerRecovery({ run, worker, launcher, keeper });
  const queue = createRunQueue({ run, runs, launcher, worker });
  const onMessage = handleWorkerMessages({ run, runs, worker, launcher, recovery, queue });
  const silence = watchSilence(
    () => run.getState().status === 'running',
    (seconds) => recovery.recover('crash', `it stopped answering for ${seconds} s while training`),
  );
  const pairSearch = createPairSearch(selection, worker);
  startPage(link, { run, launcher, openDataset: deps.loadDataset ?? loadDataset, runStore });

  const continueTraining = () => {
    const { runId, step, config } = run.getState();
    const targetSteps = step + config.steps;
    run.setState({ scrub: null, stopReason: null, targetSteps });
    runs.setState((s) => R.updateRecord(s, runId, () => ({ targetSteps })));
    launcher.playing = true;
    worker.send({ type: 'continue', runId, steps: config.steps });
  };

  return {
    run,
    runs,
    selection,
    startTraining() {
      if (run.getState().status === 'finished') return continueTraining();
      run.setState({ scrub: null, stopReason: null });
      launcher.playing = true;
      worker.send({ type: 'play' });
    },
    pauseTraining: () => {
      launcher.playing = false;
      worker.send({ type: 'pause' });
    },
    stepOnce: () => {
      run.setState({ scrub: null });
      worker.send({ type: 'step' });
    },
    continueTraining,
    resetRun: () => launcher.newRun(),
    updateConfig(patch) {
      const { config, errors } = resolveConfig(patch, run.getState().config);
      if (config.dataset === 'imported' && !run.getState().imported) {
        config.dataset = run.getState().config.dataset;
        errors.push(
          'There are no imported pairs yet: drop a folder or files in the Data panel, or open a saved dataset',
        );
      }
      run.setState({ config, ...(errors.length ? { notice: errors.join('; ') } : {}) });
      launcher.newRun();
    },
    chooseBackend(choice) {
      run.setState({ backendChoice: choice });
      launcher.newRun();
    },
    scrubTo: (index) => run.setState({ scrub: index }),
    selectPair(pair) {
      selection.setState({ selected: pair });
      if (pair !== null) pairSearch.searchImage(pair);
    },
    hoverPoint: (point) => selection.setState({ hovered: point }),
    searchText: (text) => pairSearch.searchText(text),
    searchImage: (pair) => pairSearch.searchImage(pair),
    dismissNotice: () => run.setState({ notice: null }),
    useImportedData: (data, report) =>
      launcher.restart({ ...run.getState().config, dataset: 'imported' }, { data, report }),
    openConfig: (config, imported) => launcher.restart(config, imported),
    openWeights: (weights, imported) => launcher.restart(weights.config, imported, weights),
    requestWeights: () =>
      worker.weights.ask((id) => worker.send({ type: 'exportWeights', id })).then((a) => a.weights),
    inspect: (request) => worker.inspections.ask((id) => worker.send({ type: 'inspect', id, request })),
    runQueue: (items, label) => queue.start(items, label),
    cancelQueue: () => queue.cancel(),
    compareRuns(pair) {
      const missing = pair?.find((id) => !R.findRecord(runs.getState(), id));
      if (missing !== undefined) return run.setState({ notice: `Run ${missing} is no longer kept.` });
      runs.setState({ comparison: pair });
    },
    notify: (message) => run.setState({ notice: message }),
    refreshLink: writeHash,
    dispose() {
      silence.dispose();
      keeper?.dispose();
      worker.dispose();
    },
  };
}
