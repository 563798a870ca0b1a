/**
 * Trains queued runs one after another (a sweep, a lesson's runs): the queue's head is the shown run,
 * and when it ends, however it ends, the next one begins. What changes in the records is said by
 * runsReducer.ts; this module decides when.
 */
import type { RunId } from '../training/protocol';
import type { RunLauncher } from './runLauncher';
import type { QueueItem, RunsState } from './runs';
import type { RunState } from './runState';
import * as R from './runsReducer';
import type { Store } from './store';
import type { WorkerConnection } from './workerConnection';

export interface RunQueue {
  /** Replaces any queue under way with `items` and begins its first run; returns the queue's id. */
  start(items: readonly QueueItem[], label: string): number;
  /** Ends the queue: the run training pauses, it and those waiting are recorded as cancelled. */
  cancel(): void;
  /** Run `ended` ended: when it was the queue's head, the next queued run begins. */
  ended(ended: RunId): void;
}

export interface QueueDeps {
  run: Store<RunState>;
  runs: Store<RunsState>;
  launcher: Pick<RunLauncher, 'begin' | 'takeIds'>;
  worker: Pick<WorkerConnection, 'send'>;
}

export function createRunQueue({ run, runs, launcher, worker }: QueueDeps): RunQueue {
  let lastQueueId = 0;
  /** An item of 0 steps (the step-0 evaluation only) is built but not played. */
  const beginHead = () => {
    const head = R.queueHead(runs.getState());
    if (head) launcher.begin(head, head.targetSteps > 0);
  };
  return {
    start(items, label) {
      runs.setState((s) => R.cancelQueued(s, 'Replaced by another queue.'));
      const id = ++lastQueueId;
      // Queued runs take their ids when queued, so their records can be listed before they train.
      const firstId = launcher.takeIds(items.length);
      runs.setState((s) => R.enqueue(s, id, label, items, firstId));
      beginHead();
      return id;
    },
    cancel() {
      const head = R.queueHead(runs.getState());
      if (!head) return;
      runs.setState((s) => R.cancelQueued(s, 'The queue was cancelled.'));
      if (head.id === run.getState().runId) worker.send({ type: 'pause' });
    },
    ended(ended) {
      if (R.queueHead(runs.getState())?.id !== ended) return;
      runs.setState((s) => R.advanceQueue(s, ended));
      beginHead();
    },
  };
}
