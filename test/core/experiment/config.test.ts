import { describe, expect, it } from 'vitest';
import {
  CONFIG_KEYS,
  CONFIG_SPEC,
  defaultConfig,
  resolveConfig,
  type ConfigKey,
} from '../../../src/core/experiment/config';
import { FRAMEWORK_LOSSES, FRAMEWORKS, LOSSES } from '../../../src/core/experiment/commonParams';
import { applies, parseValue, type ParamSpec } from '../../../src/core/experiment/paramSpec';

const spec = (key: ConfigKey) => CONFIG_SPEC[key] as ParamSpec;

describe('defaultConfig', () => {
  it('has every key of the table, each valid against its own row', () => {
    const config = defaultConfig();
    expect(Object.keys(config).sort()).toEqual([...CONFIG_KEYS].sort());
    for (const key of CONFIG_KEYS)
      expect(parseValue(key, spec(key), config[key])).toEqual({ value: config[key] });
    expect(FRAMEWORK_LOSSES[config.framework] as readonly string[]).toContain(config.loss);
  });

  it('resolves to itself without errors and returns a fresh object', () => {
    const config = defaultConfig();
    const { config: resolved, errors } = resolveConfig({ ...config });
    expect(errors).toEqual([]);
    expect(resolved).toEqual(config);
    expect(defaultConfig()).not.toBe(defaultConfig());
  });

  it('gives numeric rows sane bounds', () => {
    for (const key of CONFIG_KEYS) {
      const s = spec(key);
      if (s.kind === 'number' || s.kind === 'int') expect(s.min).toBeLessThanOrEqual(s.max);
      if (s.kind === 'enum') expect(s.options.length).toBeGreaterThan(0);
    }
  });
});

describe('resolveConfig: bad values', () => {
  it('parses valid strings, as they come from a URL or flags', () => {
    const { config, errors } = resolveConfig({ steps: '250', lr: '0.01', learnTemperature: 'true', seed: 7 });
    expect(errors).toEqual([]);
    expect(config).toMatchObject({ steps: 250, lr: 0.01, learnTemperature: true, seed: 7 });
  });

  it('reports out-of-range, fractional, non-numeric and wrong-type values and keeps the defaults', () => {
    const defaults = defaultConfig();
    const { config, errors } = resolveConfig({
      steps: '0',
      seed: '1.5',
      lr: 'fast',
      noise: '',
      trainSize: true,
      evalSize: 'Infinity',
      learnTemperature: 'yes',
      imageEncoder: 5,
      batchSize: 4096,
    });
    expect(errors).toEqual([
      'steps must be between 1 and 1000000, got 0',
      'seed must be a whole number, got "1.5"',
      'lr must be a number, got "fast"',
      'noise must be a number, got ""',
      'trainSize must be a number, got true',
      'evalSize must be a number, got "Infinity"',
      'learnTemperature must be true or false, got "yes"',
      `imageEncoder must be one of ${CONFIG_SPEC.imageEncoder.options.join(', ')}; got 5`,
      // The row's flag name ('batch'), so the message matches what the user typed.
      'batch must be between 2 and 1024, got 4096',
    ]);
    expect(config).toEqual(defaults);
  });

  it('keeps hostile and huge values out of the messages', () => {
    const huge = 'x'.repeat(10_000);
    const { config, errors } = resolveConfig({
      imageEncoder: '<script>alert(1)</script>',
      textEncoder: huge,
      steps: '9'.repeat(10_000),
      [huge]: 1,
    });
    expect(errors).toHaveLength(4);
    // Values are quoted and clipped to 40 characters.
    expect(errors[0]).toContain('got "<script>alert(1)</script>"');
    expect(errors[1]).toMatch(/got "x{39}…$/);
    expect(errors[2]).toBe(`steps must be a number, got "${'9'.repeat(39)}…`);
    expect(errors[3]).toBe(`unknown setting "${'x'.repeat(40)}"`);
    for (const e of errors) expect(e.length).toBeLessThan(200);
    expect(config).toEqual(defaultConfig());
  });

  it('reports unknown keys, including prototype names, without polluting anything', () => {
    const raw = JSON.parse(
      '{"__proto__": {"steps": 5}, "constructor": 1, "toString": 2, "bogus": 3}',
    ) as Record<string, unknown>;
    const { config, errors } = resolveConfig(raw);
    expect(errors).toEqual([
      'unknown setting "__proto__"',
      'unknown setting "constructor"',
      'unknown setting "toString"',
      'unknown setting "bogus"',
    ]);
    expect(config).toEqual(defaultConfig());
    expect(({} as Record<string, unknown>).steps).toBeUndefined();
  });

  it('never throws, whatever the value of any setting', () => {
    const odd: unknown[] = [
      null,
      undefined,
      NaN,
      -Infinity,
      {},
      [],
      [1],
      { a: 1 },
      10n,
      Symbol('s'),
      () => 1,
    ];
    for (const key of CONFIG_KEYS) {
      for (const value of odd) {
        const { config } = resolveConfig({ [key]: value });
        expect(config[key]).toEqual(defaultConfig()[key]);
      }
    }
  });

  it('applies the valid settings of a mixed input and reports every bad one', () => {
    const { config, errors } = resolveConfig({ steps: '30', dim: '1', margin: 'x', bogus: 1 });
    expect(config.steps).toBe(30);
    expect(config.dim).toBe(defaultConfig().dim);
    expect(errors).toHaveLength(3);
  });

  it('builds on a base config', () => {
    const base = { ...defaultConfig(), steps: 42 };
    expect(resolveConfig({ seed: '3' }, base).config).toMatchObject({ steps: 42, seed: 3 });
  });
});

describe('resolveConfig: framework and loss', () => {
  it('offers every loss under the shared loss setting', () => {
    const all = new Set(Object.values(FRAMEWORK_LOSSES).flat());
    expect(new Set(LOSSES)).toEqual(all);
    for (const f of FRAMEWORKS) expect(FRAMEWORK_LOSSES[f].length).toBeGreaterThan(0);
  });

  for (const framework of FRAMEWORKS) {
    const own = FRAMEWORK_LOSSES[framework] as readonly string[];

    it(`'${framework}' without a loss gets its default loss '${own[0]}'`, () => {
      expect(resolveConfig({ framework })).toEqual({
        config: { ...defaultConfig(), framework, loss: own[0] },
        errors: [],
      });
      // Also when the base config carries another framework's loss.
      for (const other of LOSSES.filter((l) => !own.includes(l))) {
        const base = { ...defaultConfig(), loss: other };
        expect(resolveConfig({ framework }, base).config.loss).toBe(own[0]);
      }
    });

    it(`'${framework}' accepts each of its losses`, () => {
      for (const loss of own) expect(resolveConfig({ framework, loss })).toMatchObject({ errors: [] });
    });

    it(`'${framework}' rejects the losses of other frameworks`, () => {
      for (const loss of LOSSES.filter((l) => !own.includes(l))) {
        const { config, errors } = resolveConfig({ framework, loss });
        expect(errors).toEqual([
          `loss ${loss} is not a loss of the ${framework} framework (choose ${own.join(', ')})`,
        ]);
        expect(config.loss).toBe(own[0]);
      }
    });
  }

  it('reports an unknown loss once', () => {
    const { config, errors } = resolveConfig({ loss: 'nope' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^loss must be one of .*; got "nope"$/);
    expect(config.loss).toBe(defaultConfig().loss);
  });
});

describe('applies: which settings a configuration shows', () => {
  const shown = (overrides: Record<string, unknown>) => {
    const config = { ...defaultConfig(), ...overrides };
    return CONFIG_KEYS.filter((k) => applies(spec(k), config));
  };

  it('shows a setting only when every one of its conditions holds', () => {
    expect(applies(spec('fusionRank'), { framework: 'joint', fusion: 'lowrank' })).toBe(true);
    expect(applies(spec('fusionRank'), { framework: 'joint', fusion: 'tensor' })).toBe(false);
    expect(applies(spec('fusionRank'), { framework: 'coordinated', fusion: 'lowrank' })).toBe(false);
    expect(applies(spec('seed'), {})).toBe(true);
  });

  it('hides the generated dataset’s sizes and noise for file-based data', () => {
    for (const key of ['trainSize', 'evalSize', 'noise', 'captionOmit'] as const) {
      expect(shown({ dataset: 'shapes' })).toContain(key);
      expect(shown({ dataset: 'imported' })).not.toContain(key);
    }
    // Emoji evaluates on a sample of its files, whose size is a setting.
    expect(shown({ dataset: 'emoji' })).toContain('evalSize');
    for (const key of ['trainSize', 'noise', 'captionOmit'] as const)
      expect(shown({ dataset: 'emoji' })).not.toContain(key);
  });

  it('shows the joint objective weights and the decoding knobs only where they act', () => {
    expect(shown({ framework: 'joint', loss: 'multitask', jointObjective: 'supervised' })).toEqual(
      expect.arrayContaining(['jointAttrWeight']),
    );
    expect(shown({ framework: 'joint', loss: 'multitask', jointObjective: 'supervised' })).not.toContain(
      'jointReconWeight',
    );
    expect(shown({ framework: 'joint', loss: 'multitask', jointObjective: 'autoencoder' })).not.toContain(
      'jointAttrWeight',
    );
    const beam = shown({ framework: 'encdec', loss: 'mle', direction: 'i2t', decoding: 'beam' });
    expect(beam).toEqual(expect.arrayContaining(['beamWidth', 'lengthPenalty']));
    expect(beam).not.toContain('samplingTemperature');
    expect(beam).not.toContain('imageDecoder');
    const t2i = shown({ framework: 'encdec', loss: 'mle', direction: 't2i' });
    expect(t2i).toContain('imageDecoder');
    expect(t2i).not.toContain('decoding');
  });
});
