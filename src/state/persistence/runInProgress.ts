/**
 * The run in progress, kept in the browser's storage so a reload goes on where training was: one slot
 * per tab (see tabSlot.ts), holding the run's settings, its weights, its step, its metric history and (when the worker gave it)
 * what makes training on exact (batch order, random streams, Adam's state). Each save is one `put` in one
 * transaction, so a failed save (a full quota) leaves the last complete one in place.
 */
import { resolveConfig, type ExperimentConfig } from '../../core/experiment/config';
import type { ModelWeights } from '../../core/export/modelFile';
import type { BackendChoice } from '../../training/backendInfo';
import type { ResumeState } from '../../training/resumeState';
import type { RunPoint } from '../runs';
import { withDb } from './db';
import { MAX_SLOTS, tabSlot } from './tabSlot';

export interface SavedRun {
  config: ExperimentConfig;
  backendChoice: BackendChoice;
  /** The imported dataset it trains on, when it does. */
  dataId?: string;
  /** The step the run trains to (it goes on to here after the reload). */
  targetSteps: number;
  /** The step of `weights`. */
  step: number;
  /** The run's evaluations without embeddings, oldest first. */
  history: RunPoint[];
  weights: ModelWeights;
  /** Absent when the worker could not give it: training on then starts a fresh optimiser. */
  resume?: ResumeState;
  /** Milliseconds since the epoch. */
  savedAt: number;
}

/** Where the controller keeps the run in progress (the browser's storage; a fake in tests). */
export interface RunInProgressStore {
  save(run: SavedRun): Promise<void>;
  /** The saved run, or null when there is none (or its settings are no longer understood). */
  load(): Promise<SavedRun | null>;
}

/** Saves into this tab's own slot (see tabSlot.ts): a run of another tab is never overwritten. */
export async function saveRunInProgress(run: SavedRun): Promise<void> {
  const slot = await tabSlot();
  return withDb('keep the run in progress', async (db) => {
    await db.put('runInProgress', { ...run, id: slot });
  });
}

/**
 * This tab's kept run (after a reload), else the newest kept run of any tab (a new tab goes on with the
 * latest work). Kept runs beyond MAX_SLOTS, the oldest first, are dropped here.
 */
export async function loadRunInProgress(): Promise<SavedRun | null> {
  const slot = await tabSlot();
  const stored = await withDb('read the run in progress', async (db) => {
    const all = (await db.getAll('runInProgress')).sort((a, b) => b.savedAt - a.savedAt);
    for (const old of all.slice(MAX_SLOTS)) if (old.id !== slot) await db.delete('runInProgress', old.id);
    return all.find((r) => r.id === slot) ?? all[0];
  });
  if (!stored) return null;
  const { id: _slot, ...run } = stored;
  // Saved by another version of the app: its settings must still be read the same way.
  const { config, errors } = resolveConfig({ ...run.config });
  return errors.length ? null : { ...run, config };
}

export const browserRunStore: RunInProgressStore = { save: saveRunInProgress, load: loadRunInProgress };

/** Whether a link's settings ask for the saved run: the same config, and the same imported data. */
export function sameRun(saved: SavedRun, config: ExperimentConfig, dataId: string | undefined): boolean {
  const keys = new Set([...Object.keys(saved.config), ...Object.keys(config)]) as Set<keyof ExperimentConfig>;
  for (const k of keys) if (!Object.is(saved.config[k], config[k])) return false;
  return config.dataset !== 'imported' || saved.dataId === dataId;
}
