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

/** Mean, min and max of a list of numbers (NaN for an empty list). */
export interface Spread {
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  readonly n: number;
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { mean: NaN, min: NaN, max: NaN, n: 0 };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    sum += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return { mean: sum / values.length, min, max, n: values.length };
}

/**
 * The evaluations of the second half of a run of `steps` steps (step > steps / 2). Late-training
 * averages smooth the ±0.05 noise of single evaluations, so runs of different settings compare fairly.
 */
export function latePoints(history: readonly LessonPoint[], steps: number): LessonPoint[] {
  return history.filter((p) => p.step > steps / 2);
}

export function mean(values: readonly number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
}

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
