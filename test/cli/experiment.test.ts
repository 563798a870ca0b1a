import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExperimentResult } from '../../src/cli/runExperiment';

// The runner as a user starts it (`npx tsx src/cli/experiment.ts`), through the local tsx binary.
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const RUNNER = join(process.cwd(), 'src', 'cli', 'experiment.ts');

interface Exit {
  code: number;
  stdout: string;
  stderr: string;
}

function runner(args: string[]): Promise<Exit> {
  return new Promise((resolve) => {
    execFile(TSX, [RUNNER, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'experiment-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TINY = [
  '--steps',
  '20',
  '--eval-every',
  '10',
  '--train-size',
  '64',
  '--eval-size',
  '32',
  '--batch',
  '16',
];
const METRICS = [
  'gap',
  'alignment',
  'pairCosine',
  'uniformityImage',
  'uniformityText',
  'coneImage',
  'coneText',
] as const;

describe('the experiment runner', () => {
  it('exits 2 on bad flags with a message and no stack trace', async () => {
    const { code, stdout, stderr } = await runner(['--bogus', '1', '--steps', 'many']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('unknown flag --bogus');
    expect(stderr).toContain('steps must be a number, got "many"');
    expect(stderr).toContain('--help');
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stderr).not.toMatch(/Error:/);
  });

  it('prints one JSON result for a tiny run, the same for the same seed', async () => {
    const outs = [join(dir, 'a.json'), join(dir, 'b.json')];
    const runs = await Promise.all(outs.map((out) => runner([...TINY, '--out', out])));
    const results = runs.map(({ code, stdout, stderr }, k) => {
      expect(code, stderr).toBe(0);
      // stdout is exactly one JSON object; --out holds the same text. Progress went to stderr.
      expect(stdout.trim().startsWith('{') && stdout.trim().endsWith('}')).toBe(true);
      expect(readFileSync(outs[k], 'utf8')).toBe(stdout);
      expect(stderr).toMatch(/step +20/);
      return JSON.parse(stdout) as ExperimentResult;
    });
    const [a, b] = results as [ExperimentResult, ExperimentResult];

    for (const key of ['config', 'backend', 'pairsPerSecond', 'seconds', 'initial', 'final', 'history'])
      expect(a).toHaveProperty(key);
    expect(a.config).toMatchObject({ steps: 20, evalEvery: 10, trainSize: 64, evalSize: 32, batchSize: 16 });
    expect(a.backend).toBe('wasm');
    expect(a.pairsPerSecond).toBeGreaterThan(0);
    expect(a.stopped).toBeUndefined();
    for (const key of METRICS) expect(Number.isFinite(a.final[key])).toBe(true);
    for (const split of ['seen', 'heldOut'] as const)
      for (const direction of ['i2t', 't2i'] as const)
        for (const key of ['r1', 'r5', 'r10', 'medianRank'] as const)
          expect(typeof a.final[split][direction][key]).toBe('number');
    expect(a.final.seen.count + a.final.heldOut.count).toBe(32);
    expect(a.history.map((h) => h.step)).toEqual([0, 10, 20]);

    // Same seed, same run: everything but the timings agrees.
    for (const key of ['config', 'parameters', 'initial', 'final', 'history'] as const)
      expect(b[key]).toEqual(a[key]);
  });
});
