import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SweepResult } from '../../src/cli/runSweep';

// The runner as a user starts it, through the local tsx binary.
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const RUNNER = join(process.cwd(), 'src', 'cli', 'experiment.ts');

function runner(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, [RUNNER, ...args], { timeout: 110_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

// Several runner processes per test: allow for a busy machine beyond the default 60 s.
const SLOW = { timeout: 120_000 };

const TINY = [
  '--steps',
  '8',
  '--eval-every',
  '4',
  '--train-size',
  '64',
  '--eval-size',
  '32',
  '--batch',
  '16',
];

describe('the runner’s --sweep', () => {
  it('trains every value with every seed and summarises each value over the seeds', SLOW, async () => {
    const { code, stdout, stderr } = await runner([
      ...TINY,
      '--sweep',
      'temperature=0.05,1',
      '--seeds',
      '1,2',
    ]);
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('run 1 of 4 (temperature=0.05, seed 1)');
    expect(stderr).toContain('run 2 of 4 (temperature=1, seed 1)');
    expect(stderr).toContain('run 4 of 4 (temperature=1, seed 2)');
    const out = JSON.parse(stdout) as SweepResult;
    expect(out.sweep).toEqual({ setting: 'temperature', values: [0.05, 1], seeds: [1, 2] });
    expect(out.runs.map((r) => [r.config.temperature, r.config.seed, r.config.steps])).toEqual([
      [0.05, 1, 8],
      [1, 1, 8],
      [0.05, 2, 8],
      [1, 2, 8],
    ]);
    expect(out.runs[0].history.map((h) => h.step)).toEqual([0, 4, 8]);
    expect(out.summary.map((row) => [row.value, row.seeds])).toEqual([
      [0.05, [1, 2]],
      [1, [1, 2]],
    ]);
    // The summary is exactly the statistics of the runs it printed: recompute one value's figures.
    const [r1, , r3] = out.runs;
    const finalGaps = [r1.final.gap, r3.final.gap];
    // Late window of an 8-step run: the evaluations at step > 4, i.e. only step 8.
    const row = out.summary[0];
    expect(row.finalGap.mean).toBeCloseTo((finalGaps[0] + finalGaps[1]) / 2, 12);
    expect(row.finalGap.min).toBe(Math.min(...finalGaps));
    expect(row.finalGap.max).toBe(Math.max(...finalGaps));
    expect(row.lateGap).toEqual(row.finalGap);
    expect(row.seenR1.max).toBe(Math.max(r1.final.seen.i2t.r1, r3.final.seen.i2t.r1));
    expect(row.alignment.min).toBe(Math.min(r1.final.alignment, r3.final.alignment));
    // Different temperatures give different runs.
    expect(out.runs[1].final.gap).not.toBe(out.runs[0].final.gap);
  });

  it(
    'with --seeds alone runs one config per seed, the same run for a repeated seed as a single run',
    SLOW,
    async () => {
      const [sweep, single] = await Promise.all([
        runner([...TINY, '--seeds', '3,1', '--quiet']),
        runner([...TINY, '--seed', '1', '--quiet']),
      ]);
      expect(sweep.code, sweep.stderr).toBe(0);
      expect(sweep.stderr).toBe('');
      const out = JSON.parse(sweep.stdout) as SweepResult;
      expect(out.sweep).toEqual({ setting: null, values: [], seeds: [3, 1] });
      expect(out.summary).toHaveLength(1);
      expect(out.summary[0].seeds).toEqual([3, 1]);
      const alone = JSON.parse(single.stdout) as SweepResult['runs'][number];
      expect(out.runs[1].history).toEqual(alone.history);
    },
  );

  it('exits 2 with a message for a bad sweep, before training anything', SLOW, async () => {
    const { code, stdout, stderr } = await runner(['--sweep', 'temperature=0.3,hot', '--seeds', '1,x']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--sweep: temperature must be a number, got "hot"');
    expect(stderr).toContain('--seeds: seed must be a number, got "x"');
    expect(stderr).not.toMatch(/^\s+at /m);
    const unknown = await runner(['--sweep', 'tau=1,2']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--sweep: unknown setting "tau"');
  });
});
