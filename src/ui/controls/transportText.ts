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
/**
 * The rate as of `now`: the pairs the worker counted over its span, over that span and the time since it
 * reported. Reports come every 0.1 s while training, so this is the worker's rate; when the worker is busy
 * for seconds between chunks (a full evaluation of thousands of pairs), the shown rate falls as a
 * stopwatch's would instead of holding the last one. Without a span (an older worker) the rate as reported.
 */
export function liveRate(
  pairsPerSecond: number,
  since: { spanMs: number; at: number } | undefined,
  now: number,
): number {
  if (!since || since.spanMs <= 0) return pairsPerSecond;
  const age = Math.max(0, now - since.at);
  return (pairsPerSecond * since.spanMs) / (since.spanMs + age);
}

export function rateLine(status: RunStatus, pairsPerSecond: number): string | null {
  if (status === 'starting') return 'starting…';
  if (status === 'running')
    return pairsPerSecond > 0 ? `${Math.round(pairsPerSecond)} pairs/s` : 'warming up…';
  if (status === 'finished') return 'finished: Continue trains on';
  return null;
}
