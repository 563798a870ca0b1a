/**
 * Wires the training worker to the stores and the URL. Actions are verbs the UI calls; the worker's
 * messages become state: of the shown run (only its own messages) and of every run's record. The only
 * module that talks to the worker, through an injected client (a fake in tests).
 */
import { resolveConfig, type ExperimentConfig } from '../core/experiment/config';
import { TrainingClient, type WorkerClient } from '../training/client';
import type { RunId, WorkerFault, WorkerResponse } from '../training/protocol';
import type { ModelWeights } from '../core/export/modelFile';
import type { ResumeState } from '../training/resumeState';
import { loadDataset, type StoredDataset } from './persistence/datasets';
import {
  browserRunStore,
  sameRun,
  type RunInProgressStore,
  type SavedRun,
} from './persistence/runInProgress';
import { browserPageHide, keepRunInProgress, restoredNotice, SaveAbandoned } from './runKeeper';
import { createStore } from './store';
import { shownRunPatch, type RunState, type SelectionState } from './runState';
import type { RunPoint, RunRecord, RunsState } from './runs';
import * as R from './runsReducer';
import { createRequests } from './requests';
import { readLink, writeLink } from './urlSync';
import { fallbackBackend, MAX_RECOVERIES, recoveryNotice } from './recovery';
import { watchSilence } from './silenceWatch';
import type { Controller, Imported, InspectAnswer, SearchAnswer } from './controllerApi';

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

/**
 * Where a run starts when it does not start from scratch: its step, its evaluations before now, and its
 * training loss at that step when known.
 */
interface StartFrom {
  step: number;
  earlier: RunPoint[];
  loss?: number;
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
    earlier: [],
    snapshots: [],
    scrub: null,
    stopReason: null,
    error: null,
    imported: null,
  });
  const runs = createStore<RunsState>(R.emptyRuns());
  const selection = createStore<SelectionState>({ selected: null, hovered: null, query: '', results: null });
  let client = deps.client ?? new TrainingClient();
  const newClient = deps.createClient ?? (deps.client ? null : () => new TrainingClient());
  /** Whether the user (or a queue) wants the shown run to train: a run recovered after a crash plays on. */
  let playing = false;
  /** Recoveries from a crash since the shown run last got past its kept step (see recover). */
  let recoveries = 0;
  let recoveredAt = -1;
  const searches = createRequests<SearchAnswer>();
  const weightRequests = createRequests<{ weights: ModelWeights; resume?: ResumeState }>();
  const inspections = createRequests<InspectAnswer>();
  /** Saved weights (and a restored run's resume state) for the next init only: a reset starts afresh. */
  let pendingWeights: ModelWeights | undefined;
  let pendingResume: ResumeState | undefined;
  /** The run restored from storage, until its worker is ready (then a notice says what was restored). */
  let restoring: { runId: number; saved: SavedRun } | null = null;
  // Relative to the page, so built-in data loads from any sub-path (and from the offline cache).
  const baseUrl = new URL('.', location.href).href;

  const writeHash = () => {
    const { config, backendChoice, imported } = run.getState();
    writeLink(location, history, { config, backendChoice, dataId: imported?.data.id }, deps.viewExtras?.());
  };

  /** Shows `record`'s run instead of the current one (cleared at once) and has the worker build it. */
  const begin = (record: RunRecord, play: boolean, from?: StartFrom) => {
    playing = play;
    runs.setState((s) => {
      // The shown run itself begins again after a crash: its record goes on.
      const shownId = run.getState().runId;
      const retired = record.id === shownId ? s : R.retireRecord(s, shownId);
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
      earlier: from?.earlier ?? [],
      snapshots: [],
      live: null,
      scrub: null,
      step: from?.step ?? 0,
      loss: NaN,
      pairsPerSecond: 0,
      stopReason: null,
      error: null,
    });
    selection.setState({ selected: null, hovered: null, results: null });
    writeHash();
    const { imported, backendChoice: backend } = run.getState();
    const weights = pendingWeights;
    const resume = pendingResume;
    pendingWeights = undefined;
    pendingResume = undefined;
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
      ...(weights && resume ? { resume } : {}),
      ...(weights && from?.loss !== undefined ? { loss: from.loss } : {}),
    });
  };

  /**
   * A new run of the shown settings (from the pending weights' step, when there are some: it trains
   * another Steps from there). The user took over: a queue under way ends.
   */
  const init = () => {
    runs.setState((s) => R.cancelQueued(s, 'Replaced by a run with other settings.'));
    const { config } = run.getState();
    const step = pendingWeights?.step ?? 0;
    const record = { ...R.newRecord(++lastRunId, config, step + config.steps), step };
    begin(record, false, { step, earlier: [] });
  };

  /**
   * Shows the run kept before the reload and has the worker go on from its weights. After a crash
   * (`sameRun`), the shown run itself goes on from its kept state, playing if it was.
   */
  const resumeSaved = (saved: SavedRun, imported: Imported | null, sameRun?: { play: boolean }) => {
    run.setState({ config: saved.config, ...(imported ? { imported } : {}) });
    pendingWeights = saved.weights;
    pendingResume = saved.resume;
    // The worker evaluates the weights again at their step: that evaluation (with embeddings) is the latest.
    const earlier = saved.history.filter((p) => p.step < saved.step);
    const loss = saved.history.find((p) => p.step === saved.step)?.loss;
    const id = sameRun ? run.getState().runId : ++lastRunId;
    restoring = sameRun ? null : { runId: id, saved };
    const record = {
      ...R.newRecord(id, saved.config, saved.targetSteps),
      step: saved.step,
      history: earlier,
    };
    if (sameRun)
      runs.setState((s) =>
        R.updateRecord(s, id, () => ({ step: saved.step, history: earlier, stopReason: null, error: null })),
      );
    begin(record, sameRun?.play ?? false, {
      step: saved.step,
      earlier,
      ...(loss !== undefined ? { loss } : {}),
    });
    keeper?.markSaved(id, saved);
  };

  /**
   * The worker crashed or its backend failed: a new worker goes on from the shown run's last kept state
   * (weights, Adam's state, metric history), on another backend when the backend failed or the worker
   * crashed twice, and a notice says what was lost. After MAX_RECOVERIES without getting past the kept
   * step the failure stays, as the run's error.
   */
  const recover = (fault: WorkerFault, message: string): boolean => {
    if (!newClient || recoveries >= MAX_RECOVERIES) return false;
    recoveries++;
    const s = run.getState();
    const lost = new Error(message);
    weightRequests.abandon(new SaveAbandoned(message));
    inspections.abandon({ step: 0, inspection: null });
    searches.abandon(lost);
    unlisten();
    client.terminate();
    client = newClient();
    unlisten = client.listen(onMessage);
    const failedBackend = s.info?.backend;
    const nextBackend =
      fault === 'backend' || recoveries > 1 ? fallbackBackend(s.info, failedBackend) : s.backendChoice;
    const kept = keeper?.last(s.runId) ?? null;
    recoveredAt = kept?.step ?? 0;
    const notice = recoveryNotice({
      fault,
      message,
      reachedStep: s.step,
      keptStep: kept?.step ?? null,
      failedBackend,
      nextBackend,
    });
    run.setState({ backendChoice: nextBackend, notice });
    const play = playing && s.step < s.targetSteps;
    if (kept) resumeSaved(kept, s.imported, { play });
    else {
      pendingWeights = undefined;
      runs.setState((r) => R.updateRecord(r, s.runId, () => ({ step: 0, history: [], error: null })));
      begin(R.newRecord(s.runId, s.config, s.targetSteps), play);
    }
    return true;
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

  const onMessage = (message: WorkerResponse) => {
    silence.heard();
    if (message.type === 'error' && message.fault && recover(message.fault, message.message)) return;
    const m: WorkerResponse =
      message.type === 'error' && message.fault === 'crash'
        ? { ...message, message: `The training worker failed: ${message.message}` }
        : message;
    if (m.type === 'snapshot' && m.snapshot.step > recoveredAt) recoveries = 0;
    if (m.type === 'finished' || m.type === 'stopped') playing = false;
    if (m.type === 'searchResult') return searches.answer(m.id, m);
    // Codes between evaluations concern the shown run's shared space alone (not its record).
    if (m.type === 'codes') return void (m.runId === run.getState().runId && run.setState({ live: m.live }));
    if (m.type === 'inspection') return inspections.answer(m.id, { step: m.step, inspection: m.inspection });
    if (m.type === 'weights')
      return weightRequests.answer(
        m.id,
        m.weights
          ? { weights: m.weights, ...(m.resume ? { resume: m.resume } : {}) }
          : new Error(m.message ?? 'The weights could not be read.'),
      );
    if (m.type === 'ready' && m.info.restored && m.runId === restoring?.runId) {
      const { saved } = restoring;
      restoring = null;
      run.setState({ notice: restoredNotice(saved, m.info.restored.continued) });
    }
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
    playing = true;
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

  let unlisten = client.listen(onMessage);
  const silence = watchSilence(
    () => run.getState().status === 'running',
    (seconds) => recover('crash', `it stopped answering for ${seconds} s while training`),
  );
  const openDataset = deps.loadDataset ?? loadDataset;
  /** The link's run from scratch. */
  const startFresh = () => {
    if (link.config.dataset !== 'imported') return init();
    // A link to imported pairs works only where they were imported: elsewhere, say so and use shapes.
    const fallBack = (why: string) =>
      restart({ ...run.getState().config, dataset: 'shapes' }, null, undefined, why);
    if (!link.dataId) return fallBack('This link asks for imported pairs but does not say which.');
    openDataset(link.dataId).then(
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
  };

  const runStore =
    deps.runStore === undefined ? (typeof indexedDB === 'undefined' ? null : browserRunStore) : deps.runStore;
  const keeper = runStore
    ? keepRunInProgress(run, runs, {
        store: runStore,
        requestState: () =>
          weightRequests.ask((id) => client.send({ type: 'exportWeights', id, resume: true })),
        dataId: () => run.getState().imported?.data.id,
        onError: (message) => run.setState({ notice: message }),
        onPageHide: deps.onPageHide ?? browserPageHide,
      })
    : null;
  if (!runStore) startFresh();
  else {
    // The run kept before a reload goes on when the link asks for its settings; any other link starts
    // afresh (the kept run stays stored until the new one has trained). Unless the user acted meanwhile.
    const untouched = () => lastRunId === 0;
    const resumeOrFresh = (saved: SavedRun | null) => {
      if (!untouched()) return;
      if (!saved || !sameRun(saved, link.config, link.dataId)) return startFresh();
      if (saved.config.dataset !== 'imported' || !saved.dataId) return resumeSaved(saved, null);
      openDataset(saved.dataId).then(
        (stored) => untouched() && resumeSaved(saved, { data: stored.data, report: stored.report }),
        () => untouched() && startFresh(),
      );
    };
    runStore.load().then(resumeOrFresh, () => resumeOrFresh(null));
  }

  return {
    run,
    runs,
    selection,
    startTraining() {
      if (run.getState().status === 'finished') return continueTraining();
      run.setState({ scrub: null, stopReason: null });
      playing = true;
      client.send({ type: 'play' });
    },
    pauseTraining: () => {
      playing = false;
      client.send({ type: 'pause' });
    },
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
    requestWeights: () =>
      weightRequests.ask((id) => client.send({ type: 'exportWeights', id })).then((a) => a.weights),
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
      silence.dispose();
      keeper?.dispose();
      unlisten();
      client.terminate();
    },
  };
}
