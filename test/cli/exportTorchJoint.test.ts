/**
 * The PyTorch export of the joint framework: for every fusion operator and objective, the exported
 * project has the TF.js model's weight counts, starts at its initial metrics, attribute accuracy and
 * probe loss (same seed, same weights, same dropout draws) and follows its training loss for a few
 * steps; and two processes under torchrun reach one process's metrics.
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
import type { JointEvaluation } from '../../src/core/frameworks/joint/evaluate';
import { PYTHON, pyflakes, python, torchrun } from '../helpers/torchPython';

if (!PYTHON)
  console.warn(
    'exportTorchJoint.test: skipped, no python3 with torch and PIL (apt-get install python3-torch python3-pil)',
  );

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as ExperimentResult;
const jointOf = (m: Record<string, unknown>) => m.joint as JointEvaluation;
const root = mkdtempSync(join(tmpdir(), 'torch-joint-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Slack for a parallel test run on two loaded cores: most of the time goes to starting interpreters. */
const SLOW = 360_000;
const SHARED = ['gap', 'alignment', 'pairCosine', 'coneImage', 'coneText'] as const;
const TINY: ExperimentConfig = {
  ...defaultConfig(),
  framework: 'joint',
  loss: 'multitask',
  trainSize: 128,
  evalSize: 64,
  batchSize: 32,
};
/** Every fusion operator, every objective, and the per-modality and trace-norm terms. */
const VARIANTS: Record<string, Partial<ExperimentConfig>> = {
  additive: {},
  concat: { fusion: 'concat', jointObjective: 'autoencoder' },
  tensor: { fusion: 'tensor', jointObjective: 'supervised', modalityDim: 8 },
  lowrank: { fusion: 'lowrank', traceNormWeight: 0.01, unimodalReconWeight: 0.5 },
};
const STEPS = 5;

describe.skipIf(!PYTHON)('the PyTorch export of the joint framework', () => {
  const project = join(root, 'project');
  beforeAll(async () => {
    await exportTorch(TINY, builtInDataset(TINY), project);
    for (const [name, v] of Object.entries(VARIANTS))
      writeFileSync(join(project, `${name}.json`), JSON.stringify({ ...TINY, ...v }));
    await useNodeBackend('cpu');
  }, SLOW);

  it('lints clean', async () => {
    const findings = await pyflakes(['joint.py', 'frameworks.py', 'train.py', 'data.py'], project);
    if (findings === null) console.warn('exportTorchJoint.test: pyflakes not installed, lint skipped');
    else expect(findings).toBe('');
  });

  it(
    'starts where TF.js starts and follows its loss, for every fusion and objective',
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
        const initial = await trainer.evaluate();
        const probe = await trainer.probeLoss();
        const chunk = await trainer.train(STEPS);
        const final = await trainer.evaluate();
        const weights = trainer.parameterCount();
        trainer.dispose();
        const [want, got] = [jointOf(initial.extra as Record<string, unknown>), jointOf(result.initial)];
        // The same layers and widths: the same weight counts, the fusion operator's and the total.
        expect(got.parameters).toEqual(want.parameters);
        expect(result.parameters).toBe(weights);
        // Same seed, same weights: the same codes up to the 8-bit rounding of the exported pixels.
        for (const key of SHARED)
          expect(Math.abs(result.initial[key] - initial.metrics[key])).toBeLessThan(1e-3);
        expect(Math.abs(got.agreement.imageOnly - want.agreement.imageOnly)).toBeLessThan(1e-3);
        expect(Math.abs(got.agreement.textOnly - want.agreement.textOnly)).toBeLessThan(1e-3);
        if (want.accuracy && got.accuracy) {
          // A near-tie between two values may fall the other way: a row or two of 64.
          for (const c of ['both', 'imageOnly', 'textOnly'] as const)
            expect(Math.abs(got.accuracy[c] - want.accuracy[c])).toBeLessThanOrEqual(2 / 64 + 1e-9);
          expect(Object.keys(got.accuracy.perAttribute)).toEqual(Object.keys(want.accuracy.perAttribute));
        } else expect(got.accuracy).toBe(want.accuracy);
        // The loss of the same batches under the same modality dropout.
        expect(Math.abs(result.history[0].loss - probe) / Math.abs(probe)).toBeLessThan(1e-3);
        expect(Math.abs(result.history[1].loss - chunk.loss) / Math.abs(chunk.loss)).toBeLessThan(1e-2);
        expect(Math.abs(result.final.gap - final.metrics.gap)).toBeLessThan(1e-2);
        expect(result.history[1].loss).toBeLessThan(result.history[0].loss);
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
        'lowrank.json',
        '--steps',
        '6',
        '--eval-every',
        '6',
        '--out',
        out,
        '--quiet',
      ];
      await python(args('one.json'), project);
      await python([...torchrun(2), ...args('two.json')], project);
      const a = readJson(join(project, 'one.json'));
      const b = readJson(join(project, 'two.json'));
      expect(b.backend).toMatch(/gloo x2$/);
      // They differ by the order of float sums only: measured within 4e-8 after 10 steps.
      for (const key of SHARED) expect(Math.abs(a.final[key] - b.final[key])).toBeLessThan(1e-5);
      const [ja, jb] = [jointOf(a.final), jointOf(b.final)];
      expect(Math.abs(ja.agreement.imageOnly - jb.agreement.imageOnly)).toBeLessThan(1e-5);
      expect(ja.accuracy?.both).toBe(jb.accuracy?.both);
    },
    SLOW,
  );
});
