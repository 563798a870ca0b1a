/**
 * Turns the training worker's messages into state: a fault is recovered from where it can be, answers
 * settle their requests, and every other message updates its run's record and, for the shown run only,
 * the run the page draws. A run that ends lets the queue go on.
 */
import type { WorkerResponse } from '../training/protocol';
import { restoredNotice } from './runKeeper';
import type { RunLauncher } from './runLauncher';
import type { RunQueue } from './runQueue';
import type { RunsState } from './runs';
import { shownRunPatch, type RunState } from './runState';
import * as R from './runsReducer';
import type { Store } from './store';
import type { WorkerConnection } from './workerConnection';
import type { WorkerRecovery } from './workerRecovery';

export interface MessageDeps {
  run: Store<RunState>;
  runs: Store<RunsState>;
  worker: Pick<WorkerConnection, 'settle' | 'abandon'>;
  launcher: Pick<RunLauncher, 'playing' | 'takeRestored'>;
  recovery: WorkerRecovery;
  queue: Pick<RunQueue, 'ended'>;
}

export function handleWorkerMessages(deps: MessageDeps): (message: WorkerResponse) => void {
  const { run, runs, worker, launcher, recovery, queue } = deps;
  return (message) => {
    if (message.type === 'error' && message.fault && recovery.recover(message.fault, message.message)) return;
    const m: WorkerResponse =
      message.type === 'error' && message.fault === 'crash'
        ? { ...message, message: `The training worker failed: ${message.message}` }
        : message;
    if (m.type === 'snapshot') recovery.reached(m.snapshot.step);
    if (m.type === 'finished' || m.type === 'stopped') launcher.playing = false;
    if (worker.settle(m)) return;
    // Codes between evaluations concern the shown run's shared space alone (not its record).
    if (m.type === 'codes') return void (m.runId === run.getState().runId && run.setState({ live: m.live }));
    if (m.type === 'ready' && m.info.restored) {
      const saved = launcher.takeRestored(m.runId);
      if (saved) run.setState({ notice: restoredNotice(saved, m.info.restored.continued) });
    }
    const shown = run.getState().runId;
    const runId = m.runId ?? shown; // an error of the worker as a whole is the shown run's
    runs.setState((s) => R.recordMessage(s, m, runId));
    // A message of a replaced run is never drawn as the shown one's.
    if (runId === shown) run.setState((s) => shownRunPatch(s, m));
    if (m.type === 'error') worker.abandon(new Error(m.message));
    if (m.type === 'finished' || m.type === 'stopped' || m.type === 'error') queue.ended(runId);
  };
}
