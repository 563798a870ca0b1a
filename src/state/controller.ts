/**
 * Wires the training worker to the stores and the URL. Actions are verbs the UI calls; the worker's
 * messages become state. The only module that talks to the worker.
 */
import { decodeHash, encodeHash } from '../core/experiment/urlCodec';
import { resolveConfig, type ExperimentConfig } from '../core/experiment/config';
import { BROWSER_BACKENDS, type BackendChoice } from '../training/backendInfo';
import { TrainingClient } from '../training/client';
import type { ImportedData, WorkerResponse } from '../training/protocol';
import type { InspectRequest, Inspection } from '../core/frameworks/framework';
import type { ModelWeights } from '../core/export/modelFile';
import { loadDataset } from './persistence/datasets';
import type { ImportReportData } from './persistence/db';
import { createStore, type Store } from './store';
import { appendSnapshot, type RunState, type SelectionState } from './runState';

/** View settings in the hash beside the config: the backend, and the id of the imported dataset. */
const EXTRA_KEYS = ['backend', 'data'] as const;

export interface Controller {
  run: Store<RunState>;
  selection: Store<SelectionState>;
  startTraining(): void;
  pauseTraining(): void;
  stepOnce(): void;
  /** Goes on training a finished run for another `config.steps` steps. */
  continueTraining(): void;
  resetRun(): void;
  /** Applies settings (validated; a bad value is reported and ignored) and restarts the run. */
  updateConfig(patch: Partial<Record<keyof ExperimentConfig, unknown>>): void;
  chooseBackend(choice: BackendChoice): void;
  scrubTo(index: number | null): void;
  selectPair(pair: number | null): void;
  hoverPoint(point: SelectionState['hovered']): void;
  searchText(text: string): void;
  searchImage(pair: number): void;
  dismissNotice(): void;
  /** Trains on imported pairs (switching the dataset to 'imported') and restarts the run. */
  useImportedData(data: ImportedData, report: ImportReportData | null): void;
  /** Restarts with `config` (and its imported pairs, when it trains on them), e.g. opened from the saved list. */
  openConfig(
    config: ExperimentConfig,
    imported?: { data: ImportedData; report: ImportReportData | null },
  ): void;
  /** Restarts from saved weights: their config (and imported pairs, when trained on them) come too. */
  openWeights(
    weights: ModelWeights,
    imported?: { data: ImportedData; report: ImportReportData | null },
  ): void;
  /** The current weights with the config and vocabulary that rebuild the model. */
  requestWeights(): Promise<ModelWeights>;
  /**
   * What the model makes of some evaluation pairs and typed captions on the current weights, and the
   * step it was made at; null when the framework has nothing to show (or the run was replaced).
   */
  inspect(request: InspectRequest): Promise<{ step: number; inspection: Inspection | null }>;
  /** Shows a message in the notice bar. */
  notify(message: string): void;
  dispose(): void;
}

function backendFromHash(value: string | undefined): BackendChoice {
  return value && (BROWSER_BACKENDS as readonly string[]).includes(value) ? (value as BackendChoice) : 'auto';
}

export function createController(location: Location, history: History): Controller {
  const decoded = decodeHash(location.hash, EXTRA_KEYS);
  const backendChoice = backendFromHash(decoded.extras.backend);
  const hashErrors = [...decoded.errors];
  if (decoded.extras.backend && backendChoice === 'auto')
    hashErrors.push(`unknown backend ${JSON.stringify(decoded.extras.backend.slice(0, 20))}`);
  /** Ids of runs, unique per page load (the worker's messages are matched against the shown one's). */
  let lastRunId = 0;
  const run = createStore<RunState>({
    runId: lastRunId,
    config: decoded.config,
    backendChoice,
    notice: hashErrors.length
      ? `Some settings in this link were not understood and were reset to their defaults: ${hashErrors.join('; ')}.`
      : null,
    info: null,
    status: 'starting',
    targetSteps: decoded.config.steps,
    step: 0,
    loss: NaN,
    pairsPerSecond: 0,
    snapshots: [],
    scrub: null,
    stopReason: null,
    error: null,
    imported: null,
  });
  const selection = createStore<SelectionState>({ selected: null, hovered: null, query: '', results: null });
  const client = new TrainingClient();
  let searchId = 0;
  let weightsId = 0;
  const weightsWaiting = new Map<
    number,
    { resolve: (w: ModelWeights) => void; reject: (e: Error) => void }
  >();
  let inspectId = 0;
  const inspectWaiting = new Map<number, (answer: { step: number; inspection: Inspection | null }) => void>();
  /** Saved weights for the next init only: a reset afterwards starts from fresh weights. */
  let pendingWeights: ModelWeights | undefined;
  // Relative to the page, so built-in data loads from any sub-path (and from the offline cache).
  const baseUrl = new URL('.', location.href).href;

  const writeHash = () => {
    const { config, backendChoice: backend, imported } = run.getState();
    const extras: Record<string, string> = backend === 'auto' ? {} : { backend };
    if (config.dataset === 'imported' && imported) extras.data = imported.data.id;
    const hash = encodeHash(config, extras);
    history.replaceState(null, '', hash || location.pathname + location.search);
  };

  const init = () => {
    const { config, backendChoice: backend } = run.getState();
    const runId = ++lastRunId;
    run.setState({
      runId,
      status: 'starting',
      targetSteps: config.steps,
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
    const { imported } = run.getState();
    const weights = pendingWeights;
    pendingWeights = undefined;
    client.send({
      type: 'init',
      runId,
      config,
      targetSteps: config.steps,
      backend,
      baseUrl,
      ...(config.dataset === 'imported' && imported ? { data: imported.data } : {}),
      ...(weights ? { weights } : {}),
    });
  };

  const onMessage = (m: WorkerResponse) => {
    // A message of a replaced run is never drawn as the shown one's.
    if ('runId' in m && m.runId !== undefined && m.runId !== run.getState().runId) return;
    switch (m.type) {
      case 'ready':
        run.setState({ info: m.info, status: 'ready' });
        return;
      case 'snapshot':
        run.setState((s) => ({
          snapshots: appendSnapshot(s.snapshots, m.snapshot),
          step: m.snapshot.step,
          ...(Number.isFinite(m.snapshot.loss) ? { loss: m.snapshot.loss } : {}),
        }));
        return;
      case 'progress':
        run.setState({ step: m.step, loss: m.loss, pairsPerSecond: m.pairsPerSecond });
        return;
      case 'running':
        run.setState((s) => ({
          status: m.running ? 'running' : s.status === 'running' ? 'ready' : s.status,
        }));
        return;
      case 'finished':
        run.setState({ status: 'finished', step: m.step });
        return;
      case 'stopped':
        run.setState({ status: 'stopped', stopReason: m.reason });
        return;
      case 'searchResult':
        if (m.id !== searchId) return; // an older query's answer
        selection.setState((s) => ({
          results: { kind: s.results?.kind ?? 'images', hits: m.hits, unknownWords: m.unknownWords },
        }));
        return;
      case 'error':
        run.setState({ status: 'error', error: m.message });
        for (const waiting of weightsWaiting.values()) waiting.reject(new Error(m.message));
        weightsWaiting.clear();
        for (const waiting of inspectWaiting.values()) waiting({ step: 0, inspection: null });
        inspectWaiting.clear();
        return;
      case 'inspection':
        inspectWaiting.get(m.id)?.({ step: m.step, inspection: m.inspection });
        inspectWaiting.delete(m.id);
        return;
      case 'weights': {
        const waiting = weightsWaiting.get(m.id);
        weightsWaiting.delete(m.id);
        if (m.weights) waiting?.resolve(m.weights);
        else waiting?.reject(new Error(m.message ?? 'The weights could not be read.'));
        return;
      }
    }
  };
  /** Switches to other settings and data and restarts (from `weights` when given). */
  const restart = (
    config: ExperimentConfig,
    imported: RunState['imported'] | undefined,
    weights?: ModelWeights,
    notice?: string,
  ) => {
    run.setState((s) => ({ config, imported: imported ?? s.imported, ...(notice ? { notice } : {}) }));
    pendingWeights = weights;
    writeHash();
    init();
  };
  const continueTraining = () => {
    const { runId, step, config } = run.getState();
    run.setState({ scrub: null, stopReason: null, targetSteps: step + config.steps });
    client.send({ type: 'continue', runId, steps: config.steps });
  };
  const unlisten = client.listen(onMessage);
  // A link to imported pairs works only where they were imported: elsewhere, say so and use shapes.
  const dataId = decoded.extras.data;
  if (decoded.config.dataset === 'imported') {
    run.setState({ status: 'starting' });
    const fallBack = (why: string) =>
      restart({ ...run.getState().config, dataset: 'shapes' }, null, undefined, why);
    if (!dataId) fallBack('This link asks for imported pairs but does not say which.');
    else
      loadDataset(dataId).then(
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
  } else {
    writeHash();
    init();
  }

  return {
    run,
    selection,
    startTraining() {
      if (run.getState().status === 'finished') return continueTraining();
      run.setState({ scrub: null, stopReason: null });
      client.send({ type: 'play' });
    },
    continueTraining,
    pauseTraining: () => client.send({ type: 'pause' }),
    stepOnce: () => {
      run.setState({ scrub: null });
      client.send({ type: 'step' });
    },
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
      writeHash();
      init();
    },
    chooseBackend(choice) {
      run.setState({ backendChoice: choice });
      writeHash();
      init();
    },
    scrubTo: (index) => run.setState({ scrub: index }),
    selectPair(pair) {
      selection.setState({ selected: pair });
      if (pair !== null) {
        searchId++;
        selection.setState({ results: { kind: 'captions', hits: [], unknownWords: [] } });
        client.send({ type: 'searchImage', id: searchId, index: pair, k: 5 });
      }
    },
    hoverPoint: (point) => selection.setState({ hovered: point }),
    searchText(text) {
      searchId++;
      selection.setState({ query: text, results: { kind: 'images', hits: [], unknownWords: [] } });
      client.send({ type: 'searchText', id: searchId, text, k: 8 });
    },
    searchImage(pair) {
      searchId++;
      selection.setState({ results: { kind: 'captions', hits: [], unknownWords: [] } });
      client.send({ type: 'searchImage', id: searchId, index: pair, k: 5 });
    },
    dismissNotice: () => run.setState({ notice: null }),
    useImportedData(data, report) {
      restart({ ...run.getState().config, dataset: 'imported' }, { data, report });
    },
    openConfig: (config, imported) => restart(config, imported),
    openWeights: (weights, imported) => restart(weights.config, imported, weights),
    requestWeights() {
      const id = ++weightsId;
      return new Promise<ModelWeights>((resolve, reject) => {
        weightsWaiting.set(id, { resolve, reject });
        client.send({ type: 'exportWeights', id });
      });
    },
    inspect(request) {
      const id = ++inspectId;
      return new Promise((resolve) => {
        inspectWaiting.set(id, resolve);
        client.send({ type: 'inspect', id, request });
      });
    },
    notify: (message) => run.setState({ notice: message }),
    dispose() {
      unlisten();
      client.terminate();
    },
  };
}
