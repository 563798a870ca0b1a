import { describe, expect, it } from 'vitest';
import { parseFlags, usage, UsageError } from '../../src/cli/flags';
import { CONFIG_KEYS, CONFIG_SPEC, defaultConfig } from '../../src/core/experiment/config';
import { FRAMEWORK_LOSSES, FRAMEWORKS } from '../../src/core/experiment/commonParams';
import { datasetPreset } from '../../src/core/experiment/datasetPresets';

/** The UsageError message parseFlags throws for argv (fails the test if it does not throw one). */
function problems(argv: string[]): string[] {
  try {
    parseFlags(argv);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message.split('\n');
  }
  return expect.fail(`parseFlags(${argv.join(' ')}) did not throw`);
}

describe('parseFlags', () => {
  it('gives the defaults and runner options for no flags', () => {
    expect(parseFlags([])).toEqual({
      config: defaultConfig(),
      options: { backend: 'wasm', quiet: false, help: false },
      settings: {},
    });
  });

  it('accepts the short flag, the kebab-case name and the key, with a space or =', () => {
    for (const argv of [['--batch', '8'], ['--batch=8'], ['--batch-size', '8'], ['--batchSize=8']])
      expect(parseFlags(argv).config.batchSize).toBe(8);
    const { config } = parseFlags(['--eval-every', '5', '--train-size=100', '--lr', '0.01', '--seed', '9']);
    expect(config).toMatchObject({ evalEvery: 5, trainSize: 100, lr: 0.01, seed: 9 });
  });

  it('reads booleans bare or with =value, and runner options', () => {
    expect(parseFlags(['--learn-temperature']).config.learnTemperature).toBe(true);
    expect(parseFlags(['--learn-temperature=false']).config.learnTemperature).toBe(false);
    const { options } = parseFlags(['--backend', 'cpu', '--out', 'result.json', '--quiet', '--help']);
    expect(options).toEqual({ backend: 'cpu', out: 'result.json', quiet: true, help: true });
    expect(parseFlags(['--quiet=false']).options.quiet).toBe(false);
  });

  it('lets the last of a repeated flag win and takes negative numbers as values', () => {
    expect(parseFlags(['--steps', '5', '--steps', '7']).config.steps).toBe(7);
    expect(problems(['--noise', '-1'])).toEqual(['noise must be between 0 and 0.5, got -1']);
  });

  it('lists every problem of a command line at once', () => {
    expect(
      problems(['--bogus', '1', 'stray', '--steps', '0', '--backend', 'gpu', '--imageEncoder=vit', '--seed']),
    ).toEqual([
      'unknown flag --bogus',
      'unexpected argument "stray" (flags look like --steps 600)',
      '--backend must be one of wasm, cpu in Node; got "gpu"',
      '--seed needs a value',
      'steps must be between 1 and 1000000, got 0',
      `imageEncoder must be one of ${CONFIG_SPEC.imageEncoder.options.join(', ')}; got "vit"`,
    ]);
  });

  it('rejects a value that is missing or another flag', () => {
    expect(problems(['--steps', '--seed', '3'])).toEqual(['--steps needs a value']);
    expect(problems(['--steps='])).toEqual(['steps must be a number, got ""']);
  });

  it('pairs a framework with its default loss and rejects a loss of another framework', () => {
    for (const framework of FRAMEWORKS) {
      const own = FRAMEWORK_LOSSES[framework] as readonly string[];
      expect(parseFlags(['--framework', framework]).config.loss).toBe(own[0]);
      const foreign = Object.values(FRAMEWORK_LOSSES)
        .flat()
        .find((l) => !own.includes(l));
      if (foreign)
        expect(problems(['--framework', framework, '--loss', foreign])).toEqual([
          `loss ${foreign} is not a loss of the ${framework} framework (choose ${own.join(', ')})`,
        ]);
    }
  });
});

describe('--sweep and --seeds', () => {
  it('plans the runs seed-major with the other flags applied to each', () => {
    const { options, runs, settings } = parseFlags([
      '--sweep',
      'temperature=0.02,1',
      '--seeds=1,2',
      '--steps',
      '40',
    ]);
    expect(options.sweep).toEqual({ setting: 'temperature', values: [0.02, 1] });
    expect(options.seeds).toEqual([1, 2]);
    expect(settings).toEqual({ steps: '40' });
    expect(runs?.map((r) => [r.config.temperature, r.config.seed, r.config.steps])).toEqual([
      [0.02, 1, 40],
      [1, 1, 40],
      [0.02, 2, 40],
      [1, 2, 40],
    ]);
  });

  it('runs one config over seeds, and a sweep alone with the --seed given', () => {
    expect(parseFlags(['--seeds', '4,5']).runs?.map((r) => [r.value, r.config.seed])).toEqual([
      [undefined, 4],
      [undefined, 5],
    ]);
    expect(parseFlags(['--sweep', 'lr=0.01,0.001', '--seed', '7']).runs?.map((r) => r.config.seed)).toEqual([
      7, 7,
    ]);
    expect(parseFlags([]).runs).toBeUndefined();
  });

  it('gives each run of a dataset sweep its own dataset preset, and flags still win', () => {
    const runs = parseFlags(['--sweep', 'dataset=shapes,emoji', '--batch', '32']).runs ?? [];
    expect(runs.map((r) => [r.config.dataset, r.config.batchSize, r.config.evalEvery])).toEqual([
      ['shapes', 32, defaultConfig().evalEvery],
      ['emoji', 32, datasetPreset('emoji').evalEvery],
    ]);
  });

  it('reports bad sweeps and seeds together with the other problems', () => {
    expect(problems(['--sweep', 'temperature=0,x', '--seeds', '1,1', '--steps', '0'])).toEqual([
      `--sweep: temperature must be between ${CONFIG_SPEC.temperature.min} and ${CONFIG_SPEC.temperature.max}, got 0`,
      '--sweep: temperature must be a number, got "x"',
      '--seeds lists 1 twice',
      'steps must be between 1 and 1000000, got 0',
    ]);
    expect(problems(['--seeds', '1,2', '--seed', '3'])).toEqual(['give --seed or --seeds, not both']);
    expect(problems(['--sweep', 'temperature=0.1,1', '--loss', 'vsepp'])).toEqual([
      '--sweep: temperature has no effect here (it applies where framework is coordinated and loss is infonce)',
    ]);
  });
});

describe('usage', () => {
  it('names every setting with its flag, range and default', () => {
    const text = usage();
    expect(text).toMatch(/^Usage: npm run experiment -- \[flags\]/);
    for (const flag of [
      '--backend wasm|cpu',
      '--out FILE',
      '--quiet',
      '--help',
      '--sweep NAME=',
      '--seeds S1,S2',
    ])
      expect(text).toContain(flag);
    for (const key of CONFIG_KEYS) {
      const spec = CONFIG_SPEC[key];
      const flag =
        'flag' in spec && spec.flag ? spec.flag : key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      const line = text.split('\n').find((l) => l.trimStart().startsWith(`--${flag} `));
      expect(line, `--${flag}`).toBeDefined();
      expect(line).toContain(`default ${String(spec.default)}]`);
      // Each advertised flag parses.
      expect(() => parseFlags([`--${flag}=${String(spec.default)}`])).not.toThrow();
    }
    expect(text).toContain('--batch ');
    expect(text).toContain('--eval-every ');
  });
});
