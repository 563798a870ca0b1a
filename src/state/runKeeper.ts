/**
 * Keeps the shown run in the browser's storage as "the run in progress" (see runInProgress.ts), at the
 * moments that matter: when it pauses or finishes, after a single step, every SAVE_EVERY_MS while it trains, and when the page
 * is hidden or left (best effort: the page may be gone before the worker answers). Only a run that has
 * trained is saved, so opening the page with other settings does not replace the saved run until the new
 * one has trained. Saves never overlap and come at most every MIN_GAP_MS (the weights are read from the
 * worker between its chunks of steps); a failure is reported once and never stops training.
 */
import type { ModelWeights } from '../core/export/modelFile';
import type { ResumeState } from '../training/resumeState';
import type { RunId } from '../training/protocol';
import type { RunInProgressStore, SavedRun } from './persistence/runInProgress';
import type { RunState } from './runState';
import type { RunsState } from './runs';
import type { Store } from './store';
import { findRecord } from './runsReducer';

export const SAVE_EVERY_MS = 15_000;

/** A save given up because the worker was replaced before it answered (a crash): nothing to report. */
export class SaveAbandoned extends Error {}
export const MIN_GAP_MS = 3_000;

export interface KeeperDeps {
  store: RunInProgressStore;
  /** The worker's weights of the shown run, with its resume state. */
  requestState(): Promise<{ weights: ModelWeights; resume?: ResumeState }>;
  /** The imported dataset's id, when the run trains on imported pairs. */
  dataId(): string | undefined;
  /** Reports a failed save (called once, until a save succeeds again). */
  onError(message: string): void;
  /** Subscribes to the page being hidden or left; returns the unsubscribe. */
  onPageHide?: (save: () => void) => () => void;
  now?: () => number;
  everyMs?: number;
  minGapMs?: number;
}

export interface RunKeeper {
  /** Saves the shown run now if it changed since the last save (the gap still applies). */
  save(): Promise<void>;
  /** Counts run `runId` as saved already in `record` (a run just restored, from storage or after a crash). */
  markSaved(runId: RunId, record: SavedRun): void;
  /**
   * The last state of run `runId` read from the worker for keeping (kept in memory even when storing it
   * failed), or null: what a new worker goes on from after a crash.
   */
  last(runId: RunId): SavedRun | null;
  dispose(): void;
}

export function keepRunInProgress(run: Store<RunState>, runs: Store<RunsState>, deps: KeeperDeps): RunKeeper {
  const now = deps.now ?? (() => Date.now());
  const everyMs = deps.everyMs ?? SAVE_EVERY_MS;
  const minGapMs = deps.minGapMs ?? MIN_GAP_MS;
  let saved = { runId: -1, step: -1 };
  let lastAt = -Infinity;
  let busy: Promise<void> | null = null;
  let again = false;
  let delayed: ReturnType<typeof setTimeout> | null = null;
  let ticking: ReturnType<typeof setInterval> | null = null;
  let reported = false;
  let latest: { runId: RunId; record: SavedRun } | null = null;

  /** Whether the shown run has trained and moved on since the last save. */
  const worthSaving = () => {
    const s = run.getState();
    if (s.status === 'starting' || s.status === 'error' || !s.info || s.step === 0) return false;
    return s.runId !== saved.runId || s.step !== saved.step;
  };

  const write = async () => {
    const s = run.getState();
    const { runId, config, backendChoice, targetSteps } = s;
    const { weights, resume } = await deps.requestState();
    // The run was replaced while the worker answered: these weights may be the new run's.
    if (run.getState().runId !== runId) return;
    const history = (findRecord(runs.getState(), runId)?.history ?? []).filter((p) => p.step <= weights.step);
    const dataId = config.dataset === 'imported' ? deps.dataId() : undefined;
    const record: SavedRun = {
      config,
      backendChoice,
      ...(dataId ? { dataId } : {}),
      targetSteps,
      step: weights.step,
      history,
      weights,
      ...(resume ? { resume } : {}),
      savedAt: now(),
    };
    latest = { runId, record };
    await deps.store.save(record);
    saved = { runId, step: weights.step };
    reported = false;
  };

  const save = (): Promise<void> => {
    if (busy) {
      again = true;
      return busy;
    }
    if (!worthSaving()) return Promise.resolve();
    const wait = lastAt + minGapMs - now();
    if (wait > 0) {
      delayed ??= setTimeout(() => {
        delayed = null;
        void save();
      }, wait);
      return Promise.resolve();
    }
    lastAt = now();
    busy = write()
      .catch((e: unknown) => {
        if (reported || e instanceof SaveAbandoned) return;
        reported = true;
        const why = e instanceof Error ? e.message : String(e);
        deps.onError(`The run in progress could not be kept for a reload: ${why} Training goes on.`);
      })
      .finally(() => {
        busy = null;
        if (again) {
          again = false;
          void save();
        }
      });
    return busy;
  };

  const unsubscribe = run.subscribe((s, previous) => {
    if (s.status === 'running' && !ticking) ticking = setInterval(() => void save(), everyMs);
    if (s.status !== 'running' && ticking) {
      clearInterval(ticking);
      ticking = null;
    }
    if (s.runId !== previous.runId) return;
    // Paused, finished or stopped by itself: a moment worth keeping; so is a single step while paused.
    const stopped = previous.status === 'running' && s.status !== 'running';
    const stepped = s.status === 'ready' && s.snapshots !== previous.snapshots;
    if (stopped || stepped) void save();
  });
  const offPageHide = deps.onPageHide?.(() => {
    lastAt = -Infinity; // leaving the page: no waiting
    void save();
  });

  return {
    save,
    markSaved(runId, record) {
      saved = { runId, step: record.step };
      latest = { runId, record };
    },
    last: (runId) => (latest?.runId === runId ? latest.record : null),
    dispose() {
      unsubscribe();
      offPageHide?.();
      if (ticking) clearInterval(ticking);
      if (delayed) clearTimeout(delayed);
    },
  };
}

/** The browser's "page hidden or left" events: pagehide, and visibilitychange to hidden. */
export function browserPageHide(save: () => void): () => void {
  if (typeof window === 'undefined' || typeof document === 'undefined') return () => undefined;
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') save();
  };
  window.addEventListener('pagehide', save);
  document.addEventListener('visibilitychange', onVisibility);
  return () => {
    window.removeEventListener('pagehide', save);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}

/** What a notice says of a run restored after a reload: exactly what was kept. */
export function restoredNotice(saved: Pick<SavedRun, 'step'>, continued: boolean): string {
  const { step } = saved;
  return (
    `Restored the run in progress at step ${step}: its weights and its metric history (charts, cards, CSV)` +
    (continued
      ? ', with the optimiser’s state and the batch order, so training goes on exactly where it stopped.'
      : '. The optimiser (Adam) starts afresh, so the next steps differ slightly from an uninterrupted run.') +
    ` Embeddings of earlier steps are not kept: the shared space and the timeline start at step ${step}.`
  );
}
