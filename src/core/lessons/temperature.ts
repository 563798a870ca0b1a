import type { Lesson, LessonContext, LessonFigure } from './types';

type SweepFigure = Extract<LessonFigure, { kind: 'sweep' }>;
import { fmt } from './measures';
import { sweepSeries, type PointMeasure } from './sweepSeries';

export const TEMPERATURES = [0.02, 0.07, 0.3, 1];
export const TEMPERATURE_SEEDS = [1, 2, 3];
/** Steps per run: 12 runs must fit in about three minutes on a 2-core laptop, and still show the effect. */
export const TEMPERATURE_STEPS = 200;
/** Evaluations per run: the late window (past step 100) averages five of them. */
export const TEMPERATURE_EVAL_EVERY = 20;

export const TEMPERATURE_MEASURES: Record<'gap' | 'r1' | 'alignment', PointMeasure> = {
  gap: (p) => p.metrics.gap,
  r1: (p) => p.metrics.seen.i2t.r1,
  alignment: (p) => p.metrics.alignment,
};

const FIGURE: SweepFigure = {
  kind: 'sweep',
  key: 'temperature',
  values: TEMPERATURES,
  log: true,
  measures: [
    { key: 'gap', label: 'modality gap, late training', measure: TEMPERATURE_MEASURES.gap },
    { key: 'r1', label: 'R@1 image → caption, late', measure: TEMPERATURE_MEASURES.r1, domain: [0, 1] },
    { key: 'alignment', label: 'alignment, late training', measure: TEMPERATURE_MEASURES.alignment },
  ],
};

export function temperatureSeries(ctx: LessonContext) {
  return sweepSeries(ctx.runs, 'temperature', TEMPERATURE_MEASURES);
}

export const temperatureLesson: Lesson = {
  id: 'temperature',
  title: 'Temperature and the gap, over seeds',
  summary:
    'A sweep of 4 temperatures × 3 seeds, run for the class: does a warmer softmax leave a smaller gap?',
  source: 'Liang et al. 2022, “Mind the Gap”, §4',
  setup: { framework: 'coordinated', loss: 'infonce', learnTemperature: false },
  start: {
    label: `Run the sweep (${TEMPERATURES.length * TEMPERATURE_SEEDS.length} runs)`,
    plan: {
      kind: 'queue',
      label: 'Temperature sweep',
      runs: (base) =>
        TEMPERATURES.flatMap((temperature) =>
          TEMPERATURE_SEEDS.map((seed) => ({
            config: {
              ...base,
              temperature,
              seed,
              learnTemperature: false,
              steps: TEMPERATURE_STEPS,
              evalEvery: TEMPERATURE_EVAL_EVERY,
            },
            steps: TEMPERATURE_STEPS,
          })),
        ),
    },
  },
  steps: [
    {
      text:
        'The temperature τ divides every cosine before the softmax. A small τ sharpens it, so the loss ' +
        'cares mostly about the hardest negatives; a large τ weighs all negatives alike.',
      formula: String.raw`p(y_j \mid x_i) = \frac{e^{\cos(x_i, y_j)/\tau}}{\sum_k e^{\cos(x_i, y_k)/\tau}}`,
    },
    {
      text:
        'Liang et al. (2022) fine-tuned CLIP at several temperatures and saw the modality gap shrink as τ ' +
        'rose. Does it hold for small models trained from scratch?',
    },
    {
      text:
        `The start button trains ${TEMPERATURES.length * TEMPERATURE_SEEDS.length} models one after another: ` +
        `τ = ${TEMPERATURES.join(', ')}, each with seeds ${TEMPERATURE_SEEDS.join(', ')}, ` +
        `${TEMPERATURE_STEPS} steps each. One run’s gap jumps by about ±0.05 from one evaluation to the next, ` +
        'so each point is the run’s mean over the second half of training, and the bar spans the seeds.',
    },
    {
      text:
        'Be ready for an honest answer: from scratch, most of the initial gap closes at every temperature. ' +
        'A difference smaller than the bars is not a finding.',
    },
  ],
  checkpoints: [
    {
      id: 'first',
      text: 'The first temperature has all its seeds: its bar shows how much runs differ by seed alone.',
      check(ctx) {
        const done = temperatureSeries(ctx).find((v) => v.seeds === TEMPERATURE_SEEDS.length);
        if (!done) return null;
        const gap = done.measures.gap;
        if (!gap) return null;
        return `τ = ${done.value}: late-training gap ${fmt(gap.mean)} (seeds from ${fmt(gap.min)} to ${fmt(gap.max)}).`;
      },
    },
    {
      id: 'trend',
      text: 'Every temperature has its seeds: read the trend against the bars.',
      check(ctx) {
        const series = temperatureSeries(ctx);
        if (series.length < TEMPERATURES.length || series.some((v) => v.seeds < TEMPERATURE_SEEDS.length))
          return null;
        return describeTrend(
          series.map((v) => ({ value: Number(v.value), gap: v.measures.gap, r1: v.measures.r1 })),
        );
      },
    },
  ],
  moment: 'first',
  momentText:
    'Three runs that differ only in their seed already disagree: that spread is the yardstick for any ' +
    'difference between temperatures. The plot fills in as the other temperatures finish.',
  figure: FIGURE,
};

type Range = { mean: number; min: number; max: number };
type Row = { value: number; gap?: Range; r1?: Range };

/** Whether two values' seed ranges are disjoint: a difference the seeds alone do not explain. */
function apart(a: Range, b: Range): boolean {
  return a.max < b.min || b.max < a.min;
}

/**
 * Says what the finished sweep shows: the late-training gap and R@1 at every τ, and which neighbouring
 * temperatures differ beyond the spread over seeds (and which do not).
 */
export function describeTrend(rows: readonly Row[]): string | null {
  const sorted = [...rows].sort((a, b) => a.value - b.value);
  if (sorted.length < 2 || sorted.some((r) => !r.gap || !r.r1)) return null;
  const list = (pick: (r: Row) => Range | undefined) =>
    sorted.map((r) => `${fmt(pick(r)?.mean ?? NaN)} (τ = ${r.value})`).join(', ');
  const pairs = sorted.slice(1).map((r, i) => [sorted[i], r] as const);
  const beyond = pairs.filter(([a, b]) => apart(a.gap as Range, b.gap as Range));
  const within = pairs.filter(([a, b]) => !apart(a.gap as Range, b.gap as Range));
  const names = (ps: typeof pairs) => ps.map(([a, b]) => `${a.value} vs ${b.value}`).join(', ');
  return (
    `Late-training gap ${list((r) => r.gap)}. ` +
    (beyond.length
      ? `Beyond the seeds’ spread: ${names(beyond)}. `
      : 'No two neighbours differ beyond the seeds’ spread. ') +
    (within.length ? `Within it: ${names(within)}. ` : '') +
    `R@1 ${list((r) => r.r1)}.`
  );
}
