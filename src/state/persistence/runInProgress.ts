/**
 * The run in progress, kept in the browser's storage so a reload goes on where training was: one slot
 * per tab (see tabSlot.ts), holding the run's settings, its weights, its step, its metric history and (when the worker gave it)
 * what makes training on exact (batch order, random streams, Adam's state). Each save is one `put` in one
 * transaction, so a failed save (a full quota) leaves the last complete one in place.
 *
 * The weights' bytes and Adam's (megabytes: 3 MB and 6 MB for the default lesson) are stored as Blobs.
 * A `put` clones its value on the UI thread in one task, and cloning those ArrayBuffers there took
 * 200-440 ms on a busy 2-core machine; a Blob is cloned by reference, and is made 1 MiB per task.
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

/**
 * A SavedRun as stored: the weights' and Adam's bytes as Blobs. Runs kept by an earlier version of the
 * app hold ArrayBuffers there, and still load.
 */
export type StoredRun = Omit<SavedRun, 'weights' | 'resume'> & {
  readonly id: string;
  weights: Omit<ModelWeights, 'data'> & { data: Blob | ArrayBuffer };
  resume?: Omit<ResumeState, 'optimizer'> & {
    optimizer: Omit<ResumeState['optimizer'], 'data'> & { data: Blob | ArrayBuffer };
  };
};

/** Bytes copied into a Blob per task: 1 MiB took about 15 ms on a busy 2-core machine. */
export const BLOB_CHUNK_BYTES = 1 << 20;

/**
 * The next task, through a message rather than a timer: a hidden page's timers wait for a once-a-second
 * wake-up, and a save is also made when the page is hidden.
 */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * `bytes` as a Blob, copied BLOB_CHUNK_BYTES at a time, each chunk in a task of its own; the Blob of the
 * chunks holds them by reference (no second copy).
 */
async function asBlob(bytes: ArrayBuffer): Promise<Blob> {
  const chunks: Blob[] = [];
  for (let at = 0; at < bytes.byteLength; at += BLOB_CHUNK_BYTES) {
    await nextTask();
    chunks.push(new Blob([new Uint8Array(bytes, at, Math.min(BLOB_CHUNK_BYTES, bytes.byteLength - at))]));
  }
  return new Blob(chunks);
}

const asBytes = (data: Blob | ArrayBuffer): Promise<ArrayBuffer> =>
  data instanceof Blob ? data.arrayBuffer() : Promise.resolve(data);

/** Saves into this tab's own slot (see tabSlot.ts): a run of another tab is never overwritten. */
export async function saveRunInProgress(run: SavedRun): Promise<void> {
  const slot = await tabSlot();
  const { weights, resume } = run;
  const stored: StoredRun = {
    ...run,
    id: slot,
    weights: { ...weights, data: await asBlob(weights.data) },
    ...(resume
      ? {
          resume: {
            ...resume,
            optimizer: { ...resume.optimizer, data: await asBlob(resume.optimizer.data) },
          },
        }
      : {}),
  };
  return withDb('keep the run in progress', async (db) => {
    await db.put('runInProgress', stored);
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
  const { id: _slot, weights, resume, ...run } = stored;
  // Saved by another version of the app: its settings must still be read the same way.
  const { config, errors } = resolveConfig({ ...run.config });
  if (errors.length) return null;
  return {
    ...run,
    config,
    weights: { ...weights, data: await asBytes(weights.data) },
    ...(resume
      ? {
          resume: {
            ...resume,
            optimizer: { ...resume.optimizer, data: await asBytes(resume.optimizer.data) },
          },
        }
      : {}),
  };
}

export const browserRunStore: RunInProgressStore = { save: saveRunInProgress, load: loadRunInProgress };

/** Whether a link's settings ask for the saved run: the same config, and the same imported data. */
export function sameRun(saved: SavedRun, config: ExperimentConfig, dataId: string | undefined): boolean {
  const keys = new Set([...Object.keys(saved.config), ...Object.keys(config)]) as Set<keyof ExperimentConfig>;
  for (const k of keys) if (!Object.is(saved.config[k], config[k])) return false;
  return config.dataset !== 'imported' || saved.dataId === dataId;
}
