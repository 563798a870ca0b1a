import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../../../src/core/experiment/config';
import type { GapMetrics, SplitMetrics } from '../../../src/core/metrics/gapMetrics';
import type { LessonContext, LessonPoint, LessonRun } from '../../../src/core/lessons/types';
import { LESSON_IDS } from '../../../src/core/lessons/types';
import { LESSONS, lessonById } from '../../../src/core/lessons/catalogue';
import { lessonProgress } from '../../../src/core/lessons/progress';
import { chanceCeiling, lateWindow, spread } from '../../../src/core/lessons/measures';
import { sweepSeries } from '../../../src/core/lessons/sweepSeries';
import {
  TEMPERATURES,
  TEMPERATURE_SEEDS,
  TEMPERATURE_STEPS,
  describeTrend,
} from '../../../src/core/lessons/temperature';
import { resolveConfig } from '../../../src/core/experiment/config';
import type { FrameworkExtra } from '../../../src/core/frameworks/frameworkExtra';

function split(r1: number): SplitMetrics {
  const recall = { r1, r5: r1, r10: r1, medianRank: 1 };
  return { count: 10, gap: 0, alignment: 0, pairCosine: 0, i2t: recall, t2i: recall };
}

function metrics(m: Partial<Omit<GapMetrics, 'seen' | 'heldOut'>> & { r1?: number }): GapMetrics {
  return {
    gap: 0.9,
    alignment: 2,
    pairCosine: 0,
    uniformityImage: -2.3,
    uniformityText: -2.3,
    coneImage: 0.5,
    coneText: 0.5,
    ...m,
    seen: split(m.r1 ?? 0),
    heldOut: split(m.r1 ?? 0),
  };
}

function point(
  step: number,
  m: Parameters<typeof metrics>[0],
  extra: FrameworkExtra = { framework: 'coordinated' },
): LessonPoint {
  return { step, loss: 1, metrics: metrics(m), extra };
}

function run(
  id: number,
  config: Partial<ExperimentConfig>,
  history: LessonPoint[],
  status = 'finished',
): LessonRun {
  return { id, config: { ...defaultConfig(), ...config }, status, history };
}

function ctx(partial: Partial<LessonContext>): LessonContext {
  return { current: null, runs: [], evalSize: 512, chanceR1: 1 / 512, ...partial };
}

describe('the lesson catalogue', () => {
  it('has every lesson id once, each with a moment among its checkpoints and valid settings', () => {
    expect(LESSONS.map((l) => l.id)).toEqual([...LESSON_IDS]);
    for (const lesson of LESSONS) {
      expect(lesson.checkpoints.map((c) => c.id)).toContain(lesson.moment);
      expect(resolveConfig(lesson.setup).errors).toEqual([]);
      if (lesson.next) expect(resolveConfig({ ...lesson.setup, ...lesson.next.patch }).errors).toEqual([]);
      expect(lessonById(lesson.id)).toBe(lesson);
    }
    expect(lessonById('nope')).toBeNull();
  });

  it('queues valid configs: the temperature sweep is 4 temperatures × 3 seeds, temperature-major', () => {
    const lesson = lessonById('temperature')!;
    if (lesson.start.plan.kind !== 'queue') throw new Error('the sweep is a queue');
    const runs = lesson.start.plan.runs(resolveConfig(lesson.setup).config);
    expect(runs).toHaveLength(12);
    expect(runs.slice(0, 4).map((r) => [r.config.temperature, r.config.seed])).toEqual([
      [0.02, 1],
      [0.02, 2],
      [0.02, 3],
      [0.07, 1],
    ]);
    for (const r of runs) expect(resolveConfig(r.config).errors).toEqual([]);
  });
});

describe('cone', () => {
  const cone = lessonById('cone')!;
  it('holds its moment only once three seeds are measured at step 0, each with a gap', () => {
    const seeds = [0.8, 0.9, 0.7].map((gap, i) =>
      run(i, { seed: i + 1 }, [point(0, { gap, coneImage: 0.6, coneText: 0.4 })]),
    );
    expect(lessonProgress(cone, ctx({ runs: seeds.slice(0, 2) })).moment).toBeNull();
    const progress = lessonProgress(cone, ctx({ runs: seeds }));
    expect(progress.moment).toBe(
      '3 seeds: gap 0.70–0.90 (mean 0.80); image cone 0.60–0.60, caption cone 0.40–0.40.',
    );
    expect(progress.checkpoints.find((c) => c.id === 'narrow')?.evidence).toBe(
      'Seed 1: images 0.60, captions 0.40.',
    );
  });
  it('does not call a near-zero gap a gap', () => {
    const seeds = [0.8, 0.1, 0.7].map((gap, i) => run(i, { seed: i + 1 }, [point(0, { gap })]));
    expect(lessonProgress(cone, ctx({ runs: seeds })).moment).toBeNull();
  });
});

describe('contrastive', () => {
  const lesson = lessonById('contrastive')!;
  const start = point(0, { gap: 0.9, alignment: 2, r1: 0.01, uniformityImage: -2.3, uniformityText: -2.0 });
  it('reaches its moment when alignment halves, R@1 passes 0.5 and uniformity holds', () => {
    const now = point(150, { gap: 0.2, alignment: 0.6, r1: 0.7, uniformityImage: -3, uniformityText: -1.9 });
    const progress = lessonProgress(lesson, ctx({ current: run(1, {}, [start, now], 'running') }));
    expect(progress.moment).toBe(
      'By step 150: alignment 2.00 → 0.60, while uniformity went −2.30 → −3.00 (images) and −2.00 → −1.90 (captions).',
    );
    expect(progress.checkpoints.every((c) => c.evidence !== null)).toBe(true);
  });
  it('is not fooled by a collapse: alignment falls but uniformity climbs toward 0', () => {
    const now = point(150, {
      gap: 0.1,
      alignment: 0.2,
      r1: 0.7,
      uniformityImage: -0.5,
      uniformityText: -0.5,
    });
    expect(lessonProgress(lesson, ctx({ current: run(1, {}, [start, now]) })).moment).toBeNull();
  });
  it('shows nothing but the start at step 0', () => {
    const progress = lessonProgress(lesson, ctx({ current: run(1, {}, [start]) }));
    expect(progress.checkpoints.map((c) => c.evidence !== null)).toEqual([true, false, false, false, false]);
  });
});

describe('temperature sweep', () => {
  const lesson = lessonById('temperature')!;
  /** A run whose gap is `early` in the first half and `late` in the second half of training. */
  function sweepRun(id: number, temperature: number, seed: number, late: number, status = 'finished') {
    const half = TEMPERATURE_STEPS / 2;
    return run(
      id,
      { temperature, seed },
      [
        point(0, { gap: 0.9 }),
        point(half, { gap: 0.5 }),
        point(half + 25, { gap: late, r1: 0.8 }),
        point(TEMPERATURE_STEPS, { gap: late + 0.02, r1: 0.9 }),
      ],
      status,
    );
  }
  it('averages the second half of each run, then spreads over seeds', () => {
    const runs = [sweepRun(1, 0.02, 1, 0.1), sweepRun(2, 0.02, 2, 0.2), sweepRun(3, 0.02, 3, 0.3)];
    const [first] = sweepSeries(runs, 'temperature', { gap: (p) => p.metrics.gap });
    // Late means: 0.11, 0.21, 0.31 (the evaluation at exactly steps/2 is not late).
    expect(first?.seeds).toBe(3);
    expect(first?.measures.gap?.mean).toBeCloseTo(0.21, 10);
    expect(first?.measures.gap?.min).toBeCloseTo(0.11, 10);
    expect(first?.measures.gap?.max).toBeCloseTo(0.31, 10);
    expect(lessonProgress(lesson, ctx({ runs })).moment).toBe(
      'τ = 0.02: late-training gap 0.21 (seeds from 0.11 to 0.31).',
    );
  });
  it('waits for every seed of a temperature before its moment, and counts only finished runs', () => {
    const runs = [sweepRun(1, 0.02, 1, 0.1), sweepRun(2, 0.02, 2, 0.2), sweepRun(3, 0.02, 3, 0.3, 'running')];
    expect(lessonProgress(lesson, ctx({ runs })).moment).toBeNull();
  });
  it('says which neighbouring temperatures differ beyond the seeds’ spread, and which do not', () => {
    const r = (mean: number, min: number, max: number) => ({ mean, min, max });
    const text = describeTrend([
      { value: 1, gap: r(0.1, 0.085, 0.119), r1: r(0.48, 0.45, 0.51) },
      { value: 0.02, gap: r(0.356, 0.198, 0.536), r1: r(0.47, 0.43, 0.49) },
      { value: 0.07, gap: r(0.108, 0.102, 0.116), r1: r(0.75, 0.74, 0.78) },
      { value: 0.3, gap: r(0.109, 0.098, 0.122), r1: r(0.72, 0.68, 0.74) },
    ]);
    expect(text).toBe(
      'Late-training gap 0.36 (τ = 0.02), 0.11 (τ = 0.07), 0.11 (τ = 0.3), 0.10 (τ = 1). ' +
        'Beyond the seeds’ spread: 0.02 vs 0.07. Within it: 0.07 vs 0.3, 0.3 vs 1. ' +
        'R@1 0.47 (τ = 0.02), 0.75 (τ = 0.07), 0.72 (τ = 0.3), 0.48 (τ = 1).',
    );
    const all = TEMPERATURES.flatMap((t, i) =>
      TEMPERATURE_SEEDS.map((s, j) => sweepRun(i * 3 + j, t, s, 0.1 + i * 0.01)),
    );
    expect(lessonProgress(lesson, ctx({ runs: all })).checkpoints[1]?.evidence).toMatch(
      /^Late-training gap 0\.11 \(τ = 0\.02\), 0\.12 \(τ = 0\.07\)/,
    );
  });
});

describe('joint, correlation, encdec and own data read measured extras', () => {
  it('joint: the fused code must beat the better modality by a margin', () => {
    const lesson = lessonById('joint')!;
    const extra = (both: number) =>
      ({
        framework: 'joint',
        joint: { accuracy: { both, imageOnly: 0.8, textOnly: 0.7 } },
      }) as unknown as FrameworkExtra;
    const runs = [run(1, { framework: 'joint', fusion: 'concat' }, [point(300, {}, extra(0.81))])];
    expect(lessonProgress(lesson, ctx({ runs })).moment).toBeNull();
    runs.push(run(2, { framework: 'joint', fusion: 'tensor' }, [point(300, {}, extra(0.9))]));
    expect(lessonProgress(lesson, ctx({ runs })).moment).toBe(
      'tensor fusion: 0.90 of attributes right from the fused code, against 0.80 from the image alone and 0.70 from the caption alone.',
    );
  });
  it('correlation: deep beats linear on raw features while the towers keep a gap', () => {
    const lesson = lessonById('correlation')!;
    const raw = {
      framework: 'correlation' as const,
      cka: null,
      rawCca: { total: 8, correlations: new Array<number>(32).fill(0.25) },
    };
    const history = [
      point(0, {}, { ...raw, cca: { total: 6, correlations: [] }, towerGap: 0.9 }),
      point(
        200,
        {},
        {
          ...raw,
          cca: { total: 14, correlations: new Array<number>(32).fill(0.4) },
          towerGap: 0.7,
        },
      ),
    ];
    // Just above the raw features' total (within an evaluation's noise) is not "more".
    const barely = [
      history[0],
      point(
        25,
        {},
        {
          ...raw,
          cca: { total: 8.2, correlations: new Array<number>(32).fill(0.26) },
          towerGap: 0.9,
        },
      ),
    ];
    expect(
      lessonProgress(lesson, ctx({ current: run(1, { framework: 'correlation' }, barely) })).moment,
    ).toBeNull();
    const progress = lessonProgress(lesson, ctx({ current: run(1, { framework: 'correlation' }, history) }));
    expect(progress.moment).toBe(
      'Step 200: Σρ = 14.00 of at most 32, while the towers’ outputs sit 0.70 apart (gap between their centres).',
    );
  });
  it('encdec: the consistency run closes the latent gap', () => {
    const lesson = lessonById('encdec')!;
    const withTerm = run(
      1,
      { framework: 'encdec', consistencyWeight: 0.5 },
      [point(0, { gap: 0.8 }), point(300, { gap: 0.2 })],
      'running',
    );
    expect(lessonProgress(lesson, ctx({ runs: [withTerm] })).moment).toBe(
      'Latent gap 0.80 → 0.20 by step 300.',
    );
  });
  it('own data: R@1 must beat what luck reaches at this evaluation size', () => {
    const lesson = lessonById('own-data')!;
    // 30 evaluation pairs, chance 1/30: luck reaches 1/30 + 3·sqrt((1/30)(29/30)/30) ≈ 0.132.
    expect(chanceCeiling(1 / 30, 30)).toBeCloseTo(1 / 30 + 3 * Math.sqrt(((1 / 30) * (29 / 30)) / 30), 12);
    const weak = ctx({
      evalSize: 30,
      chanceR1: 1 / 30,
      current: run(1, {}, [point(0, {}), point(50, { r1: 0.1 })]),
    });
    expect(lessonProgress(lesson, weak).moment).toBeNull();
    expect(lessonProgress(lesson, weak).checkpoints[0]?.evidence).toContain('one query changes R@1 by 0.03');
    const strong = ctx({
      evalSize: 30,
      chanceR1: 1 / 30,
      current: run(1, {}, [point(0, {}), point(50, { r1: 0.4 })]),
    });
    expect(lessonProgress(lesson, strong).moment).toContain('against 0.13 that luck reaches');
  });
});

describe('measures', () => {
  it('spread and late points', () => {
    expect(spread([1, 2, 6])).toEqual({ mean: 3, min: 1, max: 6 });
    expect(lateWindow([point(0, {}), point(100, {}), point(200, {})]).map((p) => p.step)).toEqual([200]);
  });
});
