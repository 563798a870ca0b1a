/**
 * Goes on after the training worker crashed, went silent or lost its backend: a new worker takes the
 * shown run on from its last kept state (weights, Adam's state, metric history). Which backend it trains
 * on and what the notice says are decided in recovery.ts; this module counts the tries and acts.
 */
import type { WorkerFault } from '../training/protocol';
import { fallbackBackend, MAX_RECOVERIES, recoveryNotice } from './recovery';
import { SaveAbandoned, type RunKeeper } from './runKeeper';
import type { RunLauncher } from './runLauncher';
import type { RunState } from './runState';
import type { Store } from './store';
import type { WorkerConnection } from './workerConnection';

export interface WorkerRecovery {
  /**
   * Replaces the worker after `fault` and resumes the shown run; false when it cannot (a worker that
   * cannot be replaced, or MAX_RECOVERIES without getting past the kept step): the failure then stays,
   * as the run's error.
   */
  recover(fault: WorkerFault, message: string): boolean;
  /** The shown run was evaluated at `step`: past the step it recovered at, the count starts again. */
  reached(step: number): void;
}

export interface RecoveryDeps {
  run: Store<RunState>;
  worker: Pick<WorkerConnection, 'abandon' | 'replace' | 'replaceable'>;
  launcher: Pick<RunLauncher, 'playing' | 'resumeShown'>;
  /** Holds the shown run's last kept state; without one, a recovered run starts from step 0. */
  keeper: Pick<RunKeeper, 'last'> | null;
}

export function createWorkerRecovery({ run, worker, launcher, keeper }: RecoveryDeps): WorkerRecovery {
  /** Recoveries since the shown run last got past its kept step (`recoveredAt`). */
  let recoveries = 0;
  let recoveredAt = -1;
  return {
    recover(fault, message) {
      if (!worker.replaceable || recoveries >= MAX_RECOVERIES) return false;
      recoveries++;
      const s = run.getState();
      // A save waiting on the dead worker is given up quietly: the new worker goes on from the last one.
      worker.abandon(new SaveAbandoned(message));
      worker.replace();
      const failedBackend = s.info?.backend;
      // A second crash in a row may be the backend's too, though it did not say so.
      const nextBackend =
        fault === 'backend' || recoveries > 1 ? fallbackBackend(s.info, failedBackend) : s.backendChoice;
      const kept = keeper?.last(s.runId) ?? null;
      recoveredAt = kept?.step ?? 0;
      const notice = recoveryNotice({
        fault,
        message,
        reachedStep: s.step,
        keptStep: kept?.step ?? null,
        failedBackend,
        nextBackend,
      });
      run.setState({ backendChoice: nextBackend, notice });
      launcher.resumeShown(kept, launcher.playing && s.step < s.targetSteps);
      return true;
    },
    reached(step) {
      if (step > recoveredAt) recoveries = 0;
    },
  };
}
