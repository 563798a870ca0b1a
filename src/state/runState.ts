import type { ExperimentConfig } from '../core/experiment/config';
import type { BackendChoice } from '../training/backendInfo';
import type { ImportedData, RunId, RunInfo, SearchHit, Snapshot, WorkerResponse } from '../training/protocol';

export type { RunId } from '../training/protocol';
import type { ImportReportData } from './persistence/db';
import type { LiveCodes } from '../training/liveCodes';
import type { RunPoint } from './runs';

/** Snapshots kept for the timeline; past this the older half is thinned to every other one. */
export const MAX_SNAPSHOTS = 240;

/** 'finished': reached its target steps (Play goes on for another `config.steps`). */
export type RunStatus = 'starting' | 'ready' | 'running' | 'finished' | 'stopped' | 'error';

/** Domain state of the run the page shows. No layout, no DOM. */
export interface RunState {
  /**
   * The run shown. A new id is taken each time the run is replaced (settings, data, backend, reset), and
   * everything below that describes the run is cleared at once: nothing of the old run is shown as the new one's.
   */
  runId: RunId;
  config: ExperimentConfig;
  backendChoice: BackendChoice;
  /** A message about the URL (e.g. settings that were ignored), shown until dismissed. */
  notice: string | null;
  info: RunInfo | null;
  status: RunStatus;
  /** The step this run trains to: status becomes 'finished' there (config.steps, more after each continue). */
  targetSteps: number;
  step: number;
  loss: number;
  pairsPerSecond: number;
  /**
   * The wall time (ms) `pairsPerSecond` was measured over and the page's clock (performance.now()) when
   * it arrived: while the worker is busy between reports (a full evaluation of a large set) the rate
   * shown counts that time too (see liveRate).
   */
  rateSince?: { spanMs: number; at: number };
  /**
   * Evaluations of a run restored after a reload, from before the reload: metrics only (embeddings are
   * not kept), oldest first; `snapshots` go on from there. Empty for a run trained in this page.
   */
  earlier: RunPoint[];
  /** Every evaluation of the run in this page (thinned when long), oldest first. */
  snapshots: Snapshot[];
  /**
   * The shown pairs' codes at a step after the latest snapshot, while training (see
   * training/liveCodes.ts): the shared space follows them between evaluations. Absent or null otherwise.
   */
  live?: LiveCodes | null;
  /** Index into `snapshots` while replaying the timeline; null follows the live run. */
  scrub: number | null;
  stopReason: string | null;
  error: string | null;
  /** The user's imported pairs the run trains on when config.dataset is 'imported', with the import's report. */
  imported: { data: ImportedData; report: ImportReportData | null } | null;
}

/** Domain state of what the user is looking at in the shared space. */
export interface SelectionState {
  /** The selected evaluation pair, or null. */
  selected: number | null;
  /** The point under the pointer: pair index and modality. */
  hovered: { pair: number; modality: 'image' | 'text' | 'audio' } | null;
  query: string;
  /** Results of the last search: images for a text query, captions for an image query. */
  results: { kind: 'images' | 'captions'; hits: SearchHit[]; unknownWords: string[] } | null;
}

/**
 * Appends a snapshot (or any evaluation), thinning old ones so a long run keeps a bounded, evenly spread
 * timeline of at most `max` entries.
 */
export function appendSnapshot<T>(list: readonly T[], snapshot: T, max = MAX_SNAPSHOTS): T[] {
  const next = [...list, snapshot];
  if (next.length <= max) return next;
  const half = Math.floor(next.length / 2);
  return [...next.slice(0, half).filter((_, i) => i % 2 === 0), ...next.slice(half)];
}

/** The snapshot being shown: the scrubbed one, or the latest. */
export function shownSnapshot(state: RunState): Snapshot | null {
  const { snapshots, scrub } = state;
  if (snapshots.length === 0) return null;
  return snapshots[scrub ?? snapshots.length - 1] ?? null;
}

/**
 * What a message of the shown run changes in its state (the caller has checked the run id). Other
 * messages (answers to requests) change nothing here. `now`: the page's clock as the message arrives.
 */
export function shownRunPatch(s: RunState, m: WorkerResponse, now = performance.now()): Partial<RunState> {
  switch (m.type) {
    case 'ready':
      return { info: m.info, status: s.status === 'starting' ? 'ready' : s.status };
    case 'snapshot':
      return {
        snapshots: appendSnapshot(s.snapshots, m.snapshot),
        step: m.snapshot.step,
        ...(Number.isFinite(m.snapshot.loss) ? { loss: m.snapshot.loss } : {}),
      };
    case 'progress':
      return {
        step: m.step,
        loss: m.loss,
        pairsPerSecond: m.pairsPerSecond,
        rateSince: m.rateSpanMs !== undefined ? { spanMs: m.rateSpanMs, at: now } : undefined,
      };
    case 'running':
      return { status: m.running ? 'running' : s.status === 'running' ? 'ready' : s.status };
    case 'stopped':
      return { status: 'stopped', stopReason: m.reason };
    case 'finished':
      return { status: 'finished', step: m.step, targetSteps: Math.max(s.targetSteps, m.step) };
    case 'error':
      return { status: 'error', error: m.message };
    default:
      return {};
  }
}
