/**
 * The runner's `--sweep` / `--seeds` mode: trains the planned runs one after another and summarises them
 * per swept value (see core/experiment/sweep.ts for the order and the statistics).
 */
import type { ConfigKey, ExperimentConfig } from '../core/experiment/config';
import {
  runLabel,
  summariseSweep,
  type PlannedRun,
  type SweepRow,
  type SweepRunMetrics,
  type SweepValue,
} from '../core/experiment/sweep';
import { modalitiesOf } from '../core/data/modalities';
import { firstPairDirections, runExperiment, type ExperimentResult, type RunInputs } from './runExperiment';

export interface SweepResult {
  /** The swept setting (null when only seeds vary), its values and the seeds, in the order given. */
  sweep: { setting: ConfigKey | null; values: SweepValue[]; seeds: number[] };
  /** Each run's usual result, in the order trained: every value with the first seed, then the next seed. */
  runs: ExperimentResult[];
  /** Per swept value: mean, min and max over seeds (the late window is explained in `lateWindow`). */
  summary: SweepRow[];
  lateWindow: string;
  /** Wall-clock seconds for all runs. */
  seconds: number;
}

export const LATE_WINDOW =
  'lateGap and lateSeenR1 average the evaluations with step > S/2, S = the last evaluated step (steps, unless the run stopped early)';

/** The per-run metrics a summary needs, from a runner result. */
export function sweepMetrics(run: PlannedRun, result: ExperimentResult): SweepRunMetrics {
  return {
    ...(run.value === undefined ? {} : { value: run.value }),
    seed: run.seed,
    history: result.history.map((h) => ({
      step: h.step,
      gap: h.gap,
      alignment: h.alignment,
      seenR1: h.seen.i2t.r1,
    })),
  };
}

export async function runSweep(
  planned: readonly PlannedRun[],
  setting: ConfigKey | undefined,
  backend: string,
  log: (line: string) => void,
  inputsFor: (config: ExperimentConfig) => Promise<RunInputs>,
): Promise<SweepResult> {
  const t0 = performance.now();
  const results: ExperimentResult[] = [];
  for (const [i, run] of planned.entries()) {
    log(`run ${i + 1} of ${planned.length} (${runLabel(run, setting)})`);
    results.push(await runExperiment(run.config, backend, log, await inputsFor(run.config)));
  }
  const values = [...new Set(planned.flatMap((r) => (r.value === undefined ? [] : [r.value])))];
  const seeds = [...new Set(planned.map((r) => r.seed))];
  const summary = summariseSweep(planned.map((run, i) => sweepMetrics(run, results[i])));
  for (const row of summary) {
    // R@1 is the first pair's (as in each run's top-level metrics), which a sweep over modalities changes.
    const run = planned.find((r) => r.value === row.value) ?? planned[0];
    log(summaryLine(row, setting, firstPairDirections(modalitiesOf(run.config.modalities))[0]));
  }
  return {
    sweep: { setting: setting ?? null, values, seeds },
    runs: results,
    summary,
    lateWindow: LATE_WINDOW,
    seconds: Math.round((performance.now() - t0) / 10) / 100,
  };
}

/**
 * "temperature=0.3  late gap 0.123 [0.101, 0.140]  ...  R@1 i2t ..." for the progress stream; `direction`
 * names the first pair's retrieval direction the R@1 is of (i2t, image→sound).
 */
export function summaryLine(row: SweepRow, setting: ConfigKey | undefined, direction: string): string {
  const f = (s: { mean: number; min: number; max: number }) =>
    `${s.mean.toFixed(3)} [${s.min.toFixed(3)}, ${s.max.toFixed(3)}]`;
  const head = setting && row.value !== undefined ? `${setting}=${String(row.value)}` : 'all';
  return (
    `${head}  final gap ${f(row.finalGap)}  late gap ${f(row.lateGap)}  align ${f(row.alignment)}  ` +
    `R@1 ${direction} ${f(row.seenR1)}  (seeds ${row.seeds.join(',')})`
  );
}
