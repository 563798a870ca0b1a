/**
 * Wires the training worker to the stores and the URL. Actions are verbs the UI calls; the worker's
 * messages become state. The only module that talks to the worker.
 */
import { decodeHash, encodeHash } from '../core/experiment/urlCodec';
import { resolveConfig, type ExperimentConfig } from '../core/experiment/config';
import { BROWSER_BACKENDS, type BackendChoice } from '../training/backendInfo';
import { TrainingClient } from '../training/client';
import type { WorkerResponse } from '../training/protocol';
import { createStore, type Store } from './store';
import { appendSnapshot, type RunState, type SelectionState } from './runState';

const EXTRA_KEYS = ['backend'] as const;

export interface Controller {
  run: Store<RunState>;
  selection: Store<SelectionState>;
  startTraining(): void;
  pauseTraining(): void;
  stepOnce(): void;
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
  const run = createStore<RunState>({
    config: decoded.config,
    backendChoice,
    notice: hashErrors.length
      ? `Some settings in this link were not understood and were reset to their defaults: ${hashErrors.join('; ')}.`
      : null,
    info: null,
    status: 'starting',
    step: 0,
    loss: NaN,
    pairsPerSecond: 0,
    snapshots: [],
    scrub: null,
    stopReason: null,
    error: null,
  });
  const selection = createStore<SelectionState>({ selected: null, hovered: null, query: '', results: null });
  const client = new TrainingClient();
  let searchId = 0;

  const writeHash = () => {
    const { config, backendChoice: backend } = run.getState();
    const hash = encodeHash(config, backend === 'auto' ? {} : { backend });
    history.replaceState(null, '', hash || location.pathname + location.search);
  };

  const init = () => {
    const { config, backendChoice: backend } = run.getState();
    run.setState({
      status: 'starting',
      info: null,
      snapshots: [],
      scrub: null,
      step: 0,
      loss: NaN,
      stopReason: null,
      error: null,
    });
    selection.setState({ selected: null, hovered: null, results: null });
    client.send({ type: 'init', config, backend });
  };

  const onMessage = (m: WorkerResponse) => {
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
        return;
    }
  };
  const unlisten = client.listen(onMessage);
  writeHash();
  init();

  return {
    run,
    selection,
    startTraining: () => {
      run.setState({ scrub: null, stopReason: null });
      client.send({ type: 'play' });
    },
    pauseTraining: () => client.send({ type: 'pause' }),
    stepOnce: () => {
      run.setState({ scrub: null });
      client.send({ type: 'step' });
    },
    resetRun: init,
    updateConfig(patch) {
      const { config, errors } = resolveConfig(patch, run.getState().config);
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
    dispose() {
      unlisten();
      client.terminate();
    },
  };
}
