/**
 * The PyTorch export, run: the default config's project trains with `python3 train.py`, two processes
 * under torchrun (gloo on 127.0.0.1) reach one process's metrics, own data loads and splits as the app
 * splits it, and the Python metrics and Projector files equal the TypeScript ones on the same numbers.
 * Needs Debian's python3-torch and python3-pil (.ci/run installs them); skipped with a notice without.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../../src/core/experiment/config';
import { builtInDataset } from '../../src/core/data/datasets';
import { exportTorch } from '../../src/cli/exportTorch';
import { TORCH_TEMPLATE_NAMES } from '../../src/core/export/torch/torchProject';
import { encodePng } from '../../src/core/export/png';
import { computeGapMetrics, type GapMetrics } from '../../src/core/metrics/gapMetrics';
import type { ExperimentResult } from '../../src/cli/runExperiment';
import { projectorFiles } from '../../src/core/export/projector';
import { createRng } from '../../src/core/random/rng';
import { parseFlags } from '../../src/cli/flags';
import { useNodeBackend } from '../../src/cli/nodeBackends';
import { Trainer } from '../../src/training/trainer';

/** The first interpreter that has torch and Pillow: $PYTHON, python3, then Debian's own. */
function findPython(): string | null {
  for (const candidate of [process.env.PYTHON, 'python3', '/usr/bin/python3']) {
    if (!candidate) continue;
    try {
      execFileSync(candidate, ['-c', 'import torch, PIL'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // next candidate
    }
  }
  return null;
}

const PYTHON = findPython();
if (!PYTHON)
  console.warn(
    'exportTorch.test: skipped, no python3 with torch and PIL (apt-get install python3-torch python3-pil)',
  );

function python(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      PYTHON as string,
      args,
      { cwd, timeout: 120_000, maxBuffer: 64 << 20 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${args.join(' ')} failed: ${stderr.slice(-2000)}`)) : resolve(stdout),
    );
  });
}

/** A result file of train.py, which writes the runner's JSON (see cli/runExperiment.ts). */
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as ExperimentResult;
const root = mkdtempSync(join(tmpdir(), 'torch-export-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Continuous metrics compared between runs, within TOLERANCE. */
const CONTINUOUS = [
  'gap',
  'alignment',
  'pairCosine',
  'uniformityImage',
  'uniformityText',
  'coneImage',
  'coneText',
] as const;
/** Slack for a full, parallel test run on two cores: alone, the slowest test takes about 25 s. */
const SLOW = 120_000;
/** One process against two: they differ by the order of float sums only (measured about 1e-7 after 50 steps). */
const TOLERANCE = 1e-4;

describe('--export-torch', () => {
  it('writes one experiment: not with --sweep or --seeds', () => {
    expect(() => parseFlags(['--export-torch', 'out', '--seeds', '1,2'])).toThrow(
      '--export-torch writes one experiment: give it without --sweep or --seeds',
    );
    expect(parseFlags(['--export-torch', 'out', '--loss', 'vsepp']).options.exportTorch).toBe('out');
  });
});

describe.skipIf(!PYTHON)('the PyTorch export', () => {
  const project = join(root, 'default');
  const steps = ['--steps', '50', '--eval-every', '25'];

  beforeAll(async () => {
    await exportTorch(defaultConfig(), builtInDataset(defaultConfig()), project);
  }, SLOW);

  it('compiles and lints clean', async () => {
    const sources = readdirSync(project).filter((f) => f.endsWith('.py'));
    // Every Python template is written out (the README's list is filled in; config.json is written).
    expect(sources.sort()).toEqual(TORCH_TEMPLATE_NAMES.filter((n) => n.endsWith('.py')).sort());
    await python(['-m', 'py_compile', ...sources], project);
    const pyflakes = await python(['-c', 'import pyflakes'], project).then(
      () => true,
      () => false,
    );
    if (pyflakes) expect(await python(['-m', 'pyflakes', ...sources], project)).toBe('');
    else
      console.warn(
        'exportTorch.test: pyflakes not installed, lint skipped (apt-get install python3-pyflakes)',
      );
    rmSync(join(project, '__pycache__'), { recursive: true, force: true });
  });

  it(
    'trains the default config alone and under torchrun on 2 processes to the same metrics',
    async () => {
      const one = join(root, 'one.json');
      const two = join(root, 'two.json');
      const projector = join(root, 'projector');
      await python(['train.py', ...steps, '--out', one, '--embeddings-out', projector, '--quiet'], project);
      // --redirects/--tee: torch 1.13 on Python 3.11 cannot parse its own defaults (see the export's README).
      const torchrun = [
        '-m',
        'torch.distributed.run',
        '--standalone',
        '--nproc_per_node=2',
        '--redirects',
        '9:1',
        '--tee',
        '9:1',
      ];
      await python([...torchrun, 'train.py', ...steps, '--out', two, '--quiet'], project);
      const a = readJson(one);
      const b = readJson(two);

      expect(a.config).toEqual({ ...defaultConfig(), steps: 50, evalEvery: 25 });
      expect(a.history.map((h: { step: number }) => h.step)).toEqual([0, 25, 50]);
      expect(a.backend).toMatch(/^pytorch .* cpu$/);
      expect(b.backend).toMatch(/gloo x2$/);
      for (const key of CONTINUOUS) expect(Number.isFinite(a.final[key])).toBe(true);
      expect(a.final.seen.count + a.final.heldOut.count).toBe(512);
      expect(Object.keys(a.final.seen.i2t).sort()).toEqual(['medianRank', 'r1', 'r10', 'r5']);
      // It learns: the gap closes and retrieval beats chance (1/512) by far within 50 steps.
      expect(a.final.gap).toBeLessThan(a.initial.gap / 2);
      expect(a.final.seen.i2t.r1).toBeGreaterThan(0.1);

      for (const key of CONTINUOUS) expect(Math.abs(a.final[key] - b.final[key])).toBeLessThan(TOLERANCE);
      for (const split of ['seen', 'heldOut'] as const)
        for (const dir of ['i2t', 't2i'] as const)
          expect(Math.abs(a.final[split][dir].r1 - b.final[split][dir].r1)).toBeLessThanOrEqual(
            1 / a.final[split].count,
          );

      const vectors = readFileSync(join(projector, 'vectors.tsv'), 'utf8').trimEnd().split('\n');
      expect(vectors.length).toBe(2 * 512);
      expect(vectors[0]?.split('\t').length).toBe(32);
      const metadata = readFileSync(join(projector, 'metadata.tsv'), 'utf8').trimEnd().split('\n');
      expect(metadata[0]).toBe('modality\tcaption\tkey\tsplit\tpair');
      expect(metadata.length).toBe(1 + 2 * 512);
    },
    SLOW,
  );

  it(
    'trains every loss of the framework, a learnt temperature and the CNN, which starts where TF.js does',
    async () => {
      const tiny: ExperimentConfig = { ...defaultConfig(), trainSize: 64, evalSize: 32, batchSize: 16 };
      const dir = join(root, 'losses');
      await exportTorch(tiny, builtInDataset(tiny), dir);
      const variants = [
        ['vsepp', false, 'mlp'],
        ['hinge', false, 'mlp'],
        ['infonce', true, 'mlp'],
        ['infonce', false, 'cnn'],
      ] as const;
      // One interpreter for the runs (importing torch takes seconds): each gets its own --config.
      const runs = variants.map(([loss, learnTemperature, imageEncoder]) => {
        const name = `${loss}-${learnTemperature}-${imageEncoder}`;
        const config = { ...tiny, loss, learnTemperature, imageEncoder };
        writeFileSync(join(dir, `${name}.json`), JSON.stringify(config));
        return [
          'train.py',
          '--config',
          `${name}.json`,
          '--steps',
          '10',
          '--eval-every',
          '10',
          '--out',
          `${name}.out.json`,
          '--quiet',
        ];
      });
      await python(
        [
          '-c',
          `import sys, train\nfor argv in ${JSON.stringify(runs)}:\n    sys.argv = argv\n    train.main()`,
        ],
        dir,
      );
      for (const [loss, learnTemperature, imageEncoder] of variants) {
        const result = readJson(join(dir, `${loss}-${learnTemperature}-${imageEncoder}.out.json`));
        expect(result.config.loss).toBe(loss);
        expect(result.history[1].loss).toBeLessThan(result.history[0].loss);
        if (learnTemperature) expect(result.history[1].temperature).not.toBe(0.1);
        else expect(result.history[1].temperature).toBeUndefined();
      }
      // Same seed, same initial weights: before training, the CNN's codes are TF.js's, up to the 8-bit
      // rounding of the exported pixels.
      await useNodeBackend('cpu');
      const config: ExperimentConfig = { ...tiny, imageEncoder: 'cnn' };
      const trainer = new Trainer(config, builtInDataset(config));
      const initial = (await trainer.evaluate()).metrics;
      trainer.dispose();
      const torch = readJson(join(dir, 'infonce-false-cnn.out.json')).initial;
      for (const key of CONTINUOUS) expect(Math.abs(torch[key] - initial[key as 'gap'])).toBeLessThan(1e-3);
    },
    SLOW,
  );

  it(
    'reads own data (metadata.csv, sidecar .txt, file names) and splits it as the app does',
    async () => {
      const data = join(root, 'own');
      mkdirSync(join(data, 'csv'), { recursive: true });
      const png = (v: number) => encodePng(new Uint8Array(8 * 6 * 3).fill(v), 8, 6, 3);
      const names: string[] = [];
      for (let i = 0; i < 4; i++) {
        writeFileSync(join(data, 'csv', `c${i}.png`), png(20 * i));
        names.push(`csv/c${i}.png`);
      }
      writeFileSync(
        join(data, 'csv', 'metadata.csv'),
        // A `key` column is not the app's: own pairs are keyed by image path whatever the metadata says.
        'file_name,text,key\n' + [0, 1, 2, 3].map((i) => `c${i}.png,shape ${i},same\n`).join(''),
      );
      writeFileSync(join(data, 'side.png'), png(200));
      writeFileSync(join(data, 'side.txt'), 'a caption beside\n\nanother\n');
      writeFileSync(join(data, 'red_circle-2.png'), png(250));
      names.push('red_circle-2.png', 'side.png');
      const out = join(root, 'own.json');
      const projector = join(root, 'own-projector');
      await python(
        [
          'train.py',
          '--data',
          data,
          '--steps',
          '2',
          '--eval-every',
          '2',
          '--out',
          out,
          '--embeddings-out',
          projector,
          '--quiet',
        ],
        project,
      );
      const result = readJson(out);
      // 6 images, evaluation share 0.2: round(1.2) = 1, at least 2 -> 2 evaluated, 4 trained on.
      expect(result.data).toMatchObject({ trainImages: 4, evalImages: 2 });
      // The same seeded split as toDataset: shuffle the path-sorted images, the first ones evaluate.
      const order = createRng(1).shuffle(Int32Array.from({ length: 6 }, (_, i) => i));
      const sorted = [...names].sort();
      const expected = Array.from(order.slice(0, 2))
        .sort()
        .map((i) => sorted[i]);
      const rows = readFileSync(join(projector, 'metadata.tsv'), 'utf8').trimEnd().split('\n').slice(1, 3);
      expect(rows.map((r) => r.split('\t')[2])).toEqual(expected);
    },
    SLOW,
  );

  it('measures and writes Projector files exactly as the app does on the same codes', async () => {
    const rng = createRng(5);
    const n = 40;
    const d = 4;
    const unit = () => {
      const out = new Float32Array(n * d);
      for (let i = 0; i < n; i++) {
        const v = Array.from({ length: d }, () => rng.normal());
        const norm = Math.hypot(...v);
        v.forEach((x, k) => (out[i * d + k] = x / norm));
      }
      return out;
    };
    const image = unit();
    const text = unit();
    const keys = Array.from({ length: n }, (_, i) => `k${i % 7}`);
    const heldOut = Uint8Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 1 : 0));
    const captions = keys.map((k, i) => `caption\t${k} ${i}`);
    const input = join(root, 'codes.json');
    writeFileSync(
      input,
      JSON.stringify({
        image: Array.from(image),
        text: Array.from(text),
        keys,
        heldOut: Array.from(heldOut),
        captions,
      }),
    );
    const folder = join(root, 'codes-projector');
    const script = [
      'import json, sys, numpy as np',
      'from metrics import gap_metrics',
      'from projector import write_projector',
      `c = json.load(open(${JSON.stringify(input)}))`,
      `x = np.array(c["image"], dtype=np.float32).reshape(-1, ${d}); y = np.array(c["text"], dtype=np.float32).reshape(-1, ${d})`,
      `write_projector(${JSON.stringify(folder)}, x, y, c["captions"], c["keys"], c["heldOut"])`,
      'print(json.dumps(gap_metrics(x, y, c["keys"], c["heldOut"])))',
    ].join('\n');
    // metrics.py's gap_metrics returns the fields of computeGapMetrics.
    const metrics = JSON.parse(await python(['-c', script], project)) as GapMetrics;
    const expected = computeGapMetrics(image, text, d, keys, heldOut);
    for (const key of CONTINUOUS) expect(metrics[key]).toBeCloseTo(expected[key as 'gap'], 9);
    for (const split of ['seen', 'heldOut'] as const)
      for (const dir of ['i2t', 't2i'] as const) expect(metrics[split][dir]).toEqual(expected[split][dir]);
    const files = projectorFiles({ dim: d, image, text, captions, keys, heldOut });
    for (const name of ['vectors.tsv', 'metadata.tsv', 'projector_config.json'])
      expect(readFileSync(join(folder, name), 'utf8')).toBe(new TextDecoder().decode(files[name]));
  });
});
