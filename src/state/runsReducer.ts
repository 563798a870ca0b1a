/**
 * Pure functions over RunsState: records created, updated from their run's worker messages, bounded,
 * and the queue moved on. The controller decides when; these say what changes.
 */
import type { ExperimentConfig } from '../core/experiment/config';
import type { RunId, Snapshot, WorkerResponse } from '../training/protocol';
import type { QueueItem, RunPoint, RunRecord, RunRecordStatus, RunsState } from './runs';
import { appendSnapshot } from './runState';

/** Records kept; beyond this the oldest ended ones are dropped (each keeps one snapshot with embeddings). */
export const MAX_RECORDS = 48;
/** Evaluations kept per record before the older half is thinned (points are small: no embeddings). */
export const MAX_HISTORY = 480;

const ENDED: readonly RunRecordStatus[] = ['finished', 'stopped', 'error', 'cancelled'];

export function isEnded(status: RunRecordStatus): boolean {
  return ENDED.includes(status);
}

export function emptyRuns(): RunsState {
  return { records: [], queue: null, comparison: null };
}

export function newRecord(id: RunId, config: ExperimentConfig, targetSteps: number): RunRecord {
  return {
    id,
    config,
    targetSteps,
    status: 'starting',
    info: null,
    step: 0,
    history: [],
    last: null,
    stopReason: null,
    error: null,
  };
}

/** A snapshot without its embeddings. */
export function runPoint(s: Snapshot): RunPoint {
  return { step: s.step, loss: s.loss, metrics: s.metrics, extra: s.extra, scalars: s.scalars };
}

export function findRecord(state: RunsState, id: RunId): RunRecord | undefined {
  return state.records.find((r) => r.id === id);
}

export function updateRecord(
  state: RunsState,
  id: RunId,
  patch: (record: RunRecord) => Partial<RunRecord>,
): RunsState {
  if (!findRecord(state, id)) return state;
  return { ...state, records: state.records.map((r) => (r.id === id ? { ...r, ...patch(r) } : r)) };
}

/** Appends records, then drops the oldest ended ones (not queued, not compared) beyond MAX_RECORDS. */
export function addRecords(state: RunsState, added: RunRecord[]): RunsState {
  const records = [...state.records, ...added];
  const keep = new Set<RunId>(state.comparison ?? []);
  let excess = records.length - MAX_RECORDS;
  const kept = records.filter((r) => {
    if (excess <= 0 || !isEnded(r.status) || keep.has(r.id)) return true;
    excess--;
    return false;
  });
  return { ...state, records: kept };
}

export function dropRecord(state: RunsState, id: RunId): RunsState {
  const comparison = state.comparison?.includes(id) ? null : state.comparison;
  return { ...state, records: state.records.filter((r) => r.id !== id), comparison };
}

/** Applies a worker message to the record of its run (any run, shown or not). */
export function recordMessage(state: RunsState, m: WorkerResponse, runId: RunId): RunsState {
  return updateRecord(state, runId, (r): Partial<RunRecord> => {
    switch (m.type) {
      case 'ready':
        return { info: m.info, status: r.status === 'starting' ? 'ready' : r.status };
      case 'snapshot':
        return {
          history: appendSnapshot(r.history, runPoint(m.snapshot), MAX_HISTORY),
          last: m.snapshot,
          step: m.snapshot.step,
        };
      case 'progress':
        return { step: m.step };
      case 'running':
        return { status: m.running ? 'running' : r.status === 'running' ? 'ready' : r.status };
      case 'stopped':
        return { status: 'stopped', stopReason: m.reason };
      case 'finished':
        return { status: 'finished', step: m.step, targetSteps: Math.max(r.targetSteps, m.step) };
      case 'error':
        return { status: 'error', error: m.message };
      default:
        return {};
    }
  });
}

/** Records for a queue's items (status 'queued', ids from `firstId` up) and the queue itself. */
export function enqueue(
  state: RunsState,
  queueId: number,
  label: string,
  items: readonly QueueItem[],
  firstId: RunId,
): RunsState {
  const total = items.length;
  const added = items.map((item, index): RunRecord => ({
    ...newRecord(firstId + index, item.config, Math.max(0, Math.floor(item.steps ?? item.config.steps))),
    status: 'queued',
    queue: { id: queueId, label, index, total },
  }));
  const runIds = added.map((r) => r.id);
  return { ...addRecords(state, added), queue: { id: queueId, label, runIds, index: 0, done: total === 0 } };
}

/** The queued record that should train now, if a queue is under way. */
export function queueHead(state: RunsState): RunRecord | undefined {
  const q = state.queue;
  if (!q || q.done) return undefined;
  const id = q.runIds[q.index];
  return id === undefined ? undefined : findRecord(state, id);
}

/** After run `ended` (the queue's head) ended: the next one is the head, or the queue is done. */
export function advanceQueue(state: RunsState, ended: RunId): RunsState {
  const q = state.queue;
  if (!q || q.done || q.runIds[q.index] !== ended) return state;
  const index = q.index + 1;
  return { ...state, queue: { ...q, index, done: index >= q.runIds.length } };
}

/** Ends a queue: its runs that have not ended are cancelled (with `reason` on the one training). */
export function cancelQueued(state: RunsState, reason: string): RunsState {
  const q = state.queue;
  if (!q || q.done) return state;
  const ids = new Set(q.runIds);
  return {
    ...state,
    queue: { ...q, done: true },
    records: state.records.map((r) =>
      ids.has(r.id) && !isEnded(r.status)
        ? { ...r, status: 'cancelled', stopReason: r.status === 'queued' ? null : reason }
        : r,
    ),
  };
}

/** "Run k of n" of the latest queue (k counts from 1; k = n + 1 never shows: a done queue says done). */
export function queueProgress(
  state: RunsState,
): { label: string; run: number; total: number; done: boolean } | null {
  const q = state.queue;
  if (!q) return null;
  return {
    label: q.label,
    run: Math.min(q.index + 1, q.runIds.length),
    total: q.runIds.length,
    done: q.done,
  };
}

/**
 * The shown run `id` is being replaced. One that never trained (and is not queued) is forgotten, one
 * that trained is kept as stopped; an ended one stays as it is.
 */
export function retireRecord(state: RunsState, id: RunId): RunsState {
  const r = findRecord(state, id);
  if (!r || isEnded(r.status)) return state;
  if (r.step === 0 && !r.queue) return dropRecord(state, id);
  return updateRecord(state, id, () => ({ status: 'stopped', stopReason: 'Replaced by another run.' }));
}
