import { describe, expect, it } from 'vitest';
import { CONFIG_SPEC, defaultConfig } from '../../../src/core/experiment/config';
import { CORRELATION_LOSSES } from '../../../src/core/experiment/correlationParams';
import {
  expandSweep,
  lateWindow,
  parseSeeds,
  parseSweepSpec,
  runLabel,
  settingForName,
  summariseSweep,
  type SweepPoint,
} from '../../../src/core/experiment/sweep';

/** A history from [step, gap, alignment, seenR1] rows. */
const history = (...rows: [number, number, number, number][]): SweepPoint[] =>
  rows.map(([step, gap, alignment, seenR1]) => ({ step, gap, alignment, seenR1 }));

describe('parseSweepSpec', () => {
  it('parses numbers, enums and booleans with the flag parsing, by key, kebab-case or flag name', () => {
    expect(parseSweepSpec('temperature=0.02,0.07,0.3,1')).toEqual({
      setting: 'temperature',
      values: [0.02, 0.07, 0.3, 1],
    });
    expect(parseSweepSpec('batch=16, 64')).toEqual({ setting: 'batchSize', values: [16, 64] });
    expect(parseSweepSpec('batch-size=8')).toEqual({ setting: 'batchSize', values: [8] });
    expect(parseSweepSpec('imageEncoder=mlp,cnn')).toEqual({
      setting: 'imageEncoder',
      values: ['mlp', 'cnn'],
    });
    expect(parseSweepSpec('learn-temperature=false,true')).toEqual({
      setting: 'learnTemperature',
      values: [false, true],
    });
  });

  it('reports every bad value with the setting’s own message', () => {
    expect(parseSweepSpec('temperature=0.001,abc,0.3,0.3')).toEqual({
      errors: [
        `--sweep: temperature must be between ${CONFIG_SPEC.temperature.min} and ${CONFIG_SPEC.temperature.max}, got 0.001`,
        '--sweep: temperature must be a number, got "abc"',
        '--sweep: temperature lists 0.3 twice',
      ],
    });
    expect(parseSweepSpec('steps=10,2.5')).toEqual({
      errors: ['--sweep: steps must be a whole number, got "2.5"'],
    });
    expect(parseSweepSpec('imageEncoder=mlp,vit')).toEqual({
      errors: [
        `--sweep: imageEncoder must be one of ${CONFIG_SPEC.imageEncoder.options.join(', ')}; got "vit"`,
      ],
    });
  });

  it('rejects a spec without =, an unknown setting, an empty value and the seed', () => {
    expect(parseSweepSpec('temperature')).toEqual({
      errors: ['--sweep needs NAME=V1,V2,... (e.g. temperature=0.02,0.07), got "temperature"'],
    });
    expect(parseSweepSpec('tau=1,2')).toEqual({ errors: ['--sweep: unknown setting "tau"'] });
    expect(parseSweepSpec('lr=0.01,')).toEqual({ errors: ['--sweep: lr must be a number, got ""'] });
    expect(parseSweepSpec('seed=1,2')).toEqual({
      errors: ['--sweep cannot sweep the seed; use --seeds 1,2,3'],
    });
  });
});

describe('parseSweepSpec with list-valued settings', () => {
  it('separates values with | when the list holds one, so a value may hold commas', () => {
    expect(parseSweepSpec('modalities=image,text|image,text,audio')).toEqual({
      setting: 'modalities',
      values: ['image,text', 'image,text,audio'],
    });
    // Spaces around | are ignored.
    expect(parseSweepSpec('modalities=text,audio | image,audio')).toEqual({
      setting: 'modalities',
      values: ['text,audio', 'image,audio'],
    });
    // Other settings may use | too.
    expect(parseSweepSpec('temperature=0.02|0.3')).toEqual({ setting: 'temperature', values: [0.02, 0.3] });
  });
  it('says how to write list values when commas split them', () => {
    const result = parseSweepSpec('modalities=image,text,audio');
    expect('errors' in result && result.errors.at(-1)).toBe(
      "--sweep: the values of modalities hold commas; separate them with | (quoted for the shell): --sweep 'modalities=image,text|image,audio'",
    );
    expect(parseSweepSpec('modalities=image,text|image,text')).toEqual({
      errors: ['--sweep: modalities lists image,text twice'],
    });
  });
});

describe('parseSeeds', () => {
  it('parses distinct whole seeds and names each bad one', () => {
    expect(parseSeeds('1, 2,3')).toEqual([1, 2, 3]);
    expect(parseSeeds('1,x,-1,1')).toEqual({
      errors: [
        '--seeds: seed must be a number, got "x"',
        `--seeds: seed must be between 0 and ${CONFIG_SPEC.seed.max}, got -1`,
        '--seeds lists 1 twice',
      ],
    });
  });
});

describe('expandSweep', () => {
  it('orders runs seed-major: every value with the first seed, then the next seed', () => {
    const sweep = { setting: 'temperature' as const, values: [0.02, 0.3] };
    const { runs, errors } = expandSweep({ steps: '50' }, sweep, [1, 2]);
    expect(errors).toEqual([]);
    expect(runs.map((r) => [r.value, r.seed, r.config.temperature, r.config.seed, r.config.steps])).toEqual([
      [0.02, 1, 0.02, 1, 50],
      [0.3, 1, 0.3, 1, 50],
      [0.02, 2, 0.02, 2, 50],
      [0.3, 2, 0.3, 2, 50],
    ]);
    expect(runs[3].config).toEqual({ ...defaultConfig(), steps: 50, temperature: 0.3, seed: 2 });
    expect(runs.map((r) => runLabel(r, 'temperature'))).toEqual([
      'temperature=0.02, seed 1',
      'temperature=0.3, seed 1',
      'temperature=0.02, seed 2',
      'temperature=0.3, seed 2',
    ]);
  });

  it('runs one config over seeds when nothing is swept', () => {
    const { runs } = expandSweep({}, undefined, [3, 1]);
    expect(runs.map((r) => [r.value, r.config.seed])).toEqual([
      [undefined, 3],
      [undefined, 1],
    ]);
    expect(runLabel(runs[0], undefined)).toBe('seed 3');
  });

  it('swaps in each framework’s default loss, but rejects a loss given for another framework', () => {
    const sweep = { setting: 'framework' as const, values: ['coordinated', 'correlation'] };
    expect(expandSweep({}, sweep, [1]).runs.map((r) => r.config.loss)).toEqual(['infonce', 'dcca']);
    // Reported once, though both seeds hit it.
    expect(expandSweep({ loss: 'infonce' }, sweep, [1, 2]).errors).toEqual([
      `framework=correlation: loss infonce is not a loss of the correlation framework (choose ${CORRELATION_LOSSES.join(', ')})`,
    ]);
  });

  it('rejects a sweep over a setting that has no effect under the chosen settings', () => {
    const sweep = { setting: 'temperature' as const, values: [0.1, 1] };
    expect(expandSweep({ loss: 'hinge' }, sweep, [1]).errors).toEqual([
      '--sweep: temperature has no effect here (it applies where framework is coordinated and loss is infonce)',
    ]);
  });
});

describe('summariseSweep', () => {
  it('takes mean, min and max over seeds of the final and late-window values, hand-computed', () => {
    const rows = summariseSweep([
      // Steps 0..100: the late window is steps 75 and 100 (step > 50); step 50 is not in it.
      {
        value: 0.1,
        seed: 1,
        history: history([0, 0.9, 1.8, 0], [50, 0.5, 1, 0.2], [75, 0.3, 0.6, 0.4], [100, 0.1, 0.4, 0.6]),
      },
      {
        value: 0.1,
        seed: 2,
        history: history([0, 0.8, 1.7, 0], [50, 0.4, 0.9, 0.3], [75, 0.3, 0.5, 0.5], [100, 0.3, 0.5, 0.7]),
      },
      { value: 1, seed: 1, history: history([0, 0.9, 1.8, 0], [100, 0.2, 0.3, 0.9]) },
    ]);
    expect(rows).toHaveLength(2);
    const [a, b] = rows;
    expect(a.value).toBe(0.1);
    expect(a.seeds).toEqual([1, 2]);
    // final gaps 0.1 and 0.3; late gaps (0.3+0.1)/2 = 0.2 and (0.3+0.3)/2 = 0.3.
    expect(a.finalGap.mean).toBeCloseTo(0.2, 12);
    expect([a.finalGap.min, a.finalGap.max]).toEqual([0.1, 0.3]);
    expect(a.lateGap.mean).toBeCloseTo(0.25, 12);
    expect(a.lateGap.min).toBeCloseTo(0.2, 12);
    expect(a.lateGap.max).toBeCloseTo(0.3, 12);
    expect(a.alignment.mean).toBeCloseTo(0.45, 12);
    expect([a.alignment.min, a.alignment.max]).toEqual([0.4, 0.5]);
    expect(a.seenR1.mean).toBeCloseTo(0.65, 12);
    // late R@1: (0.4+0.6)/2 = 0.5 and (0.5+0.7)/2 = 0.6.
    expect(a.lateSeenR1.mean).toBeCloseTo(0.55, 12);
    // One seed, window = the final evaluation only: every spread collapses to that value.
    expect(b).toEqual({
      value: 1,
      seeds: [1],
      finalGap: { mean: 0.2, min: 0.2, max: 0.2 },
      lateGap: { mean: 0.2, min: 0.2, max: 0.2 },
      alignment: { mean: 0.3, min: 0.3, max: 0.3 },
      seenR1: { mean: 0.9, min: 0.9, max: 0.9 },
      lateSeenR1: { mean: 0.9, min: 0.9, max: 0.9 },
    });
  });

  it('measures the late window from the last evaluated step, so a run that stopped early still has one', () => {
    const h = history([0, 1, 1, 0], [10, 0.8, 1, 0], [20, 0.6, 1, 0], [30, 0.4, 1, 0]);
    expect(lateWindow(h).map((p) => p.step)).toEqual([20, 30]);
    expect(lateWindow(history([0, 1, 1, 0]))).toEqual([]);
    expect(lateWindow([])).toEqual([]);
  });

  it('keeps one row without a value for a seeds-only experiment, and lets NaN through', () => {
    const rows = summariseSweep([
      { seed: 1, history: history([0, 1, 1, 0], [10, 0.5, 0.5, 0.5]) },
      { seed: 2, history: history([0, 1, 1, 0], [10, NaN, NaN, NaN]) },
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].value).toBeUndefined();
    expect(rows[0].seeds).toEqual([1, 2]);
    expect(rows[0].finalGap).toEqual({ mean: NaN, min: NaN, max: NaN });
    expect(summariseSweep([{ seed: 1, history: [] }])[0].lateGap.mean).toBeNaN();
  });
});

describe('settingForName', () => {
  it('knows keys, kebab-case and short flags', () => {
    expect(settingForName('evalEvery')).toBe('evalEvery');
    expect(settingForName('eval-every')).toBe('evalEvery');
    expect(settingForName('batch')).toBe('batchSize');
    expect(settingForName('nope')).toBeUndefined();
  });
});
