/**
 * The PyTorch export of the encoder–decoder framework: in every direction, with both image decoders
 * and both consistency terms, the exported project has the TF.js model's weight count, starts at its
 * probe loss (and, captioning, at its initial metrics and perplexity) and follows its training loss for
 * a few steps; and two processes under torchrun reach one process's metrics.
 * Needs Debian's python3-torch and python3-pil (.ci/run installs them); skipped with a notice without.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../../src/core/experiment/config';
import { builtInDataset } from '../../src/core/data/datasets';
import { exportTorch } from '../../src/cli/exportTorch';
import type { ExperimentResult } from '../../src/cli/runExperiment';
import { useNodeBackend } from '../../src/cli/nodeBackends';
import { Trainer } from '../../src/training/trainer';
import type { EncDecEvaluation } from '../../src/core/frameworks/encdec/evaluate';
import { PYTHON, pyflakes, python, torchrun } from '../helpers/torchPython';

if (!PYTHON)
  console.warn(
    'exportTorchEncdec.test: skipped, no python3 with torch and PIL (apt-get install python3-torch python3-pil)',
  );

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as ExperimentResult;
const encdecOf = (m: Record<string, unknown>) => m.encdec as EncDecEvaluation;
const root = mkdtempSync(join(tmpdir(), 'torch-encdec-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Slack for a parallel test run on two loaded cores: most of the time goes to starting interpreters. */
const SLOW = 360_000;
const SHARED = ['gap', 'alignment', 'pairCosine', 'coneImage', 'coneText'] as const;
const TINY: ExperimentConfig = {
  ...defaultConfig(),
  framework: 'encdec',
  loss: 'mle',
  trainSize: 128,
  evalSize: 64,
  batchSize: 32,
  decoderHidden: 32,
};
/** Every direction, both image decoders, both consistency terms. */
const VARIANTS: Record<string, Partial<ExperimentConfig>> = {
  i2t: {},
  t2i: { direction: 't2i', consistency: 'mse' },
  both: { direction: 'both', imageDecoder: 'dense', consistencyWeight: 0 },
};
const STEPS = 3;

describe.skipIf(!PYTHON)('the PyTorch export of the encoder–decoder framework', () => {
  const project = join(root, 'project');
  beforeAll(async () => {
    await exportTorch(TINY, builtInDataset(TINY), project);
    for (const [name, v] of Object.entries(VARIANTS))
      writeFileSync(join(project, `${name}.json`), JSON.stringify({ ...TINY, ...v }));
    await useNodeBackend('cpu');
  }, SLOW);

  it('lints clean', async () => {
    const findings = await pyflakes(['encdec.py', 'frameworks.py', 'train.py'], project);
    if (findings === null) console.warn('exportTorchEncdec.test: pyflakes not installed, lint skipped');
    else expect(findings).toBe('');
  });

  it(
    'starts where TF.js starts and follows its loss, in every direction',
    async () => {
      const runs = Object.keys(VARIANTS).map((name) => [
        'train.py',
        '--config',
        `${name}.json`,
        '--steps',
        String(STEPS),
        '--eval-every',
        String(STEPS),
        '--out',
        `${name}.out.json`,
        '--quiet',
      ]);
      await python(
        [
          '-c',
          `import sys, train\nfor argv in ${JSON.stringify(runs)}:\n    sys.argv = argv\n    train.main()`,
        ],
        project,
      );
      for (const [name, v] of Object.entries(VARIANTS)) {
        const config: ExperimentConfig = { ...TINY, ...v };
        const result = readJson(join(project, `${name}.out.json`));
        const trainer = new Trainer(config, builtInDataset(config));
        // The image directions' evaluation trains an attribute judge first: only captioning is evaluated.
        const initial = config.direction === 'i2t' ? await trainer.evaluate() : null;
        const probe = await trainer.probeLoss();
        const chunk = await trainer.train(STEPS);
        const weights = trainer.parameterCount();
        trainer.dispose();
        expect(result.parameters).toBe(weights);
        expect(encdecOf(result.final).direction).toBe(config.direction);
        // Same seed, same weights: the same loss up to the 8-bit rounding of the exported pixels.
        expect(Math.abs(result.history[0].loss - probe) / probe).toBeLessThan(1e-3);
        expect(Math.abs(result.history[1].loss - chunk.loss) / chunk.loss).toBeLessThan(1e-2);
        expect(result.history[1].loss).toBeLessThan(result.history[0].loss);
        if (initial) {
          for (const key of SHARED)
            expect(Math.abs(result.initial[key] - initial.metrics[key])).toBeLessThan(1e-3);
          const want = encdecOf(initial.extra as Record<string, unknown>).perplexity ?? NaN;
          const got = encdecOf(result.initial).perplexity ?? NaN;
          expect(Math.abs(got - want) / want).toBeLessThan(1e-3);
        } else if (config.direction === 't2i') expect(encdecOf(result.initial).perplexity).toBeNull();
        else expect(encdecOf(result.initial).perplexity).toBeGreaterThan(1);
      }
    },
    SLOW,
  );

  it(
    'reaches the same metrics on 2 processes under torchrun as on one',
    async () => {
      const args = (out: string) => [
        'train.py',
        '--config',
        'both.json',
        '--steps',
        '4',
        '--eval-every',
        '4',
        '--out',
        out,
        '--quiet',
      ];
      await python(args('one.json'), project);
      await python([...torchrun(2), ...args('two.json')], project);
      const a = readJson(join(project, 'one.json'));
      const b = readJson(join(project, 'two.json'));
      expect(b.backend).toMatch(/gloo x2$/);
      // They differ by the order of float sums only.
      for (const key of SHARED) expect(Math.abs(a.final[key] - b.final[key])).toBeLessThan(1e-5);
      const [pa, pb] = [encdecOf(a.final).perplexity ?? NaN, encdecOf(b.final).perplexity ?? NaN];
      expect(Math.abs(pa - pb) / pa).toBeLessThan(1e-5);
    },
    SLOW,
  );
});
