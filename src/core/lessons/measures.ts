/** Small readings of run histories that lessons share: first and last evaluations, seed spreads. */
import type { LessonPoint, LessonRun } from './types';

export function firstPoint(run: LessonRun | null | undefined): LessonPoint | null {
  return run?.history[0] ?? null;
}

export function lastPoint(run: LessonRun | null | undefined): LessonPoint | null {
  return run ? (run.history[run.history.length - 1] ?? null) : null;
}

/** A run that reached its planned end (not stopped, errored or still training). */
export function isFinished(run: LessonRun): boolean {
  return run.status === 'finished';
}

export { lateWindow, mean, spread, type Spread } from '../experiment/sweep';

/** A number as the lesson texts show it: three decimals, a real minus sign. */
export function fmt(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return '–';
  return x.toFixed(digits).replace('-', '−');
}

/**
 * The highest Recall@1 that guessing plausibly reaches on `n` queries with chance `p` per query: p plus
 * three binomial standard errors (about a 1-in-700 chance of a guesser passing it).
 */
export function chanceCeiling(p: number, n: number): number {
  if (n <= 0) return 1;
  return Math.min(1, p + 3 * Math.sqrt((p * (1 - p)) / n));
}
