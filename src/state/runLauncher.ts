/**
 * Begins runs: shows a run in place of the current one (cleared at once), keeps its record among the
 * page's runs and has the worker build it, from scratch, from weights the user opened, or from a kept
 * state (the run saved before a reload, or the shown run's own after a crash). Run ids are unique per
 * page load and are all taken here.
 */
import type { ExperimentConfig } from '../core/experiment/config';
import type { ModelWeights } from '../core/export/modelFile';
import type { RunId } from '../training/protocol';
import type { ResumeState } from '../training/resumeState';
import type { Imported } from './controllerApi';
import type { SavedRun } from './persistence/runInProgress';
import type { RunKeeper } from './runKeeper';
import type { RunPoint, RunRecord, RunsState } from './runs';
import type { RunState, SelectionState } from './runState';
import * as R from './runsReducer';
import type { Store } from './store';
import type { WorkerConnection } from './workerConnection';

/**
 * Where a run starts when it does not start from scratch: its step, its evaluations before now, and its
 * training loss at that step when known.
 */
export interface StartFrom {
  step: number;
  earlier: RunPoint[];
  loss?: number;
}

export interface LauncherDeps {
  run: Store<RunState>;
  runs: Store<RunsState>;
  selection: Store<SelectionState>;
  worker: Pick<WorkerConnection, 'send'>;
  /** Told of a run that begins from a kept state, so it is not saved again before it trains. */
  keeper: Pick<RunKeeper, 'markSaved'> | null;
  /** Where built-in data loads from: relative to the page, so from any sub-path and the offline cache. */
  baseUrl: string;
  /** Writes the shown run's settings into the link. */
  writeLink(): void;
}

export interface RunLauncher {
  /** Whether the user (or a queue) wants the shown run to train: a run recovered after a crash plays on. */
  playing: boolean;
  /** Shows `record`'s run instead of the current one (cleared at once) and has the worker build it. */
  begin(record: RunRecord, play: boolean, from?: StartFrom): void;
  /**
   * A new run of the shown settings (from the pending weights' step, when there are some: it trains
   * another Steps from there). The user took over: a queue under way ends.
   */
  newRun(): void;
  /** Switches to other settings and data and begins a new run (from `weights` when given). */
  restart(
    config: ExperimentConfig,
    imported?: Imported | null,
    weights?: ModelWeights,
    notice?: string,
  ): void;
  /** Shows the run kept before the reload and has the worker go on from its weights. */
  resumeSaved(saved: SavedRun, imported: Imported | null): void;
  /**
   * After a crash: the shown run itself goes on from `kept`, its last kept state (from step 0 when
   * nothing was kept), playing if `play`.
   */
  resumeShown(kept: SavedRun | null, play: boolean): void;
  /** The saved run restored as run `runId`, once (its worker is ready): a notice says what was restored. */
  takeRestored(runId: RunId): SavedRun | null;
  /** Takes `count` run ids in a row (a queue's) and returns the first. */
  takeIds(count: number): RunId;
  /** Whether a run has taken an id since the page opened (the user or a queue acted). */
  anyRun(): boolean;
}

export function createRunLauncher(deps: LauncherDeps): RunLauncher {
  const { run, runs, selection, worker } = deps;
  let lastRunId = 0;
  /** Saved weights (and a restored run's resume state) for the next begin only: a reset starts afresh. */
  let pendingWeights: ModelWeights | undefined;
  let pendingResume: ResumeState | undefined;
  /** The run restored from storage, until its worker is ready. */
  let restoring: { runId: RunId; saved: SavedRun } | null = null;

  const begin = (record: RunRecord, play: boolean, from?: StartFrom) => {
    launcher.playing = play;
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
    deps.writeLink();
    const { imported, backendChoice: backend } = run.getState();
    const weights = pendingWeights;
    const resume = pendingResume;
    pendingWeights = undefined;
    pendingResume = undefined;
    worker.send({
      type: 'init',
      runId: record.id,
      config,
      targetSteps,
      ...(play ? { play } : {}),
      backend,
      baseUrl: deps.baseUrl,
      ...(config.dataset === 'imported' && imported ? { data: imported.data } : {}),
      ...(weights ? { weights } : {}),
      ...(weights && resume ? { resume } : {}),
      ...(weights && from?.loss !== undefined ? { loss: from.loss } : {}),
    });
  };

  const newRun = () => {
    runs.setState((s) => R.cancelQueued(s, 'Replaced by a run with other settings.'));
    const { config } = run.getState();
    const step = pendingWeights?.step ?? 0;
    const record = { ...R.newRecord(++lastRunId, config, step + config.steps), step };
    begin(record, false, { step, earlier: [] });
  };

  /** Goes on from `saved`: as a new run after a reload, or as the shown run itself after a crash (`sameRun`). */
  const resume = (saved: SavedRun, imported: Imported | null, sameRun?: { play: boolean }) => {
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
    deps.keeper?.markSaved(id, saved);
  };

  const launcher: RunLauncher = {
    playing: false,
    begin,
    newRun,
    restart(config, imported, weights, notice) {
      run.setState((s) => ({ config, imported: imported ?? s.imported, ...(notice ? { notice } : {}) }));
      pendingWeights = weights;
      newRun();
    },
    resumeSaved: (saved, imported) => resume(saved, imported),
    resumeShown(kept, play) {
      const s = run.getState();
      if (kept) return resume(kept, s.imported, { play });
      pendingWeights = undefined;
      runs.setState((r) => R.updateRecord(r, s.runId, () => ({ step: 0, history: [], error: null })));
      begin(R.newRecord(s.runId, s.config, s.targetSteps), play);
    },
    takeRestored(runId) {
      if (restoring?.runId !== runId) return null;
      const { saved } = restoring;
      restoring = null;
      return saved;
    },
    takeIds(count) {
      const first = lastRunId + 1;
      lastRunId += count;
      return first;
    },
    anyRun: () => lastRunId > 0,
  };
  return launcher;
}
