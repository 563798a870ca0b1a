import type { RunStatus } from '../../state/runState';

/** The Play button's word: Continue once the run reached its steps (Play then trains another Steps). */
export function playLabel(status: RunStatus): 'Play' | 'Continue' {
  return status === 'finished' ? 'Continue' : 'Play';
}

/**
 * The line under the step counter. While the worker prepares a run (backend, data, model) it says so;
 * while a run trains but has reported no speed yet (a fresh backend compiles its kernels on the first
 * steps) it says "warming up…" instead of showing step 0 and no rate.
 */
export function rateLine(status: RunStatus, pairsPerSecond: number): string | null {
  if (status === 'starting') return 'starting…';
  if (status === 'running')
    return pairsPerSecond > 0 ? `${Math.round(pairsPerSecond)} pairs/s` : 'warming up…';
  if (status === 'finished') return 'finished: Continue trains on';
  return null;
}
