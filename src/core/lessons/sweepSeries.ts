/** A lesson's sweep as a figure reads it: per swept value, late-training means spread over seeds. */
import type { ConfigKey } from '../experiment/config';
import type { LessonPoint, LessonRun } from './types';
import { isFinished, lateWindow, mean, spread, type Spread } from './measures';

export interface SweepValue {
  /** The swept setting's value. */
  readonly value: number | string;
  /** Finished runs (one per seed) so far. */
  readonly seeds: number;
  /** Late-training mean of each measure, spread over the finished seeds. */
  readonly measures: Readonly<Record<string, Spread>>;
}

export type PointMeasure = (p: LessonPoint) => number;

/**
 * Groups finished runs by `key`'s value (in first-seen order) and, for each measure, takes every run's
 * mean over its late window (the runner's rule: evaluations past half the last step), then the mean,
 * min and max of those over the seeds, as the runner's sweep summary does.
 */
export function sweepSeries(
  runs: readonly LessonRun[],
  key: ConfigKey,
  measures: Readonly<Record<string, PointMeasure>>,
): SweepValue[] {
  const groups = new Map<number | string, LessonRun[]>();
  for (const run of runs) {
    const value = run.config[key] as number | string;
    if (!groups.has(value)) groups.set(value, []);
    if (isFinished(run)) groups.get(value)?.push(run);
  }
  return [...groups].map(([value, done]) => ({
    value,
    seeds: done.length,
    measures: Object.fromEntries(
      Object.entries(measures).map(([name, measure]) => [
        name,
        spread(done.map((run) => mean(lateWindow(run.history).map(measure)))),
      ]),
    ),
  }));
}
