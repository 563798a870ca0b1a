/**
 * The runs of a page: one trains at a time, finished ones are kept for comparison, and a queue trains a
 * list of configurations one after another. Plain data; runsReducer.ts holds the functions over it.
 */
import type { ExperimentConfig } from '../core/experiment/config';
import type { GapMetrics } from '../core/metrics/gapMetrics';
import type { RunId, RunInfo, Snapshot } from '../training/protocol';

export type { RunId } from '../training/protocol';

/** One evaluation without the embeddings: what curves and sweep summaries need. */
export interface RunPoint {
  step: number;
  loss: number;
  metrics: GapMetrics;
  extra: Snapshot['extra'];
  scalars: Record<string, number>;
}

export type RunRecordStatus =
  'queued' | 'starting' | 'ready' | 'running' | 'finished' | 'stopped' | 'error' | 'cancelled';

/** Where a run stands in its queue: which queue, and its place (0-based) of `total`. */
export interface RunQueuePlace {
  id: number;
  label: string;
  index: number;
  total: number;
}

export interface RunRecord {
  id: RunId;
  config: ExperimentConfig;
  /** Steps this run trains to (config.steps, or a queue item's own count; 0 = evaluate at initialisation only). */
  targetSteps: number;
  status: RunRecordStatus;
  /** Backend, parameter count, dataset name ... once ready. */
  info: RunInfo | null;
  step: number;
  /** Every evaluation, oldest first (thinned like the shown run's snapshots when long). */
  history: RunPoint[];
  /** The latest snapshot, with embeddings (for a side-by-side shared space); the only one a record keeps. */
  last: Snapshot | null;
  stopReason: string | null;
  error: string | null;
  /** Set when the run belongs to a queue. */
  queue?: RunQueuePlace;
}

export interface RunQueue {
  id: number;
  label: string;
  /** The queue's runs in training order. */
  runIds: RunId[];
  /** The run training now (0-based); equals runIds.length once every run has ended. */
  index: number;
  /** Every run ended, or the queue was cancelled. */
  done: boolean;
}

export interface RunsState {
  /** Oldest first; bounded (the oldest ended runs are dropped beyond MAX_RECORDS). */
  records: RunRecord[];
  /** The latest queue (kept when done, so its progress stays readable), or null. */
  queue: RunQueue | null;
  /** Two runs shown side by side, or null. */
  comparison: [RunId, RunId] | null;
}

export interface QueueItem {
  config: ExperimentConfig;
  /** Steps to train (default config.steps; 0 = the step-0 evaluation only). */
  steps?: number;
}
