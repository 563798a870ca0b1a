/**
 * The Export panel's PyTorch project, end to end in the built app: the download holds train.py, the
 * run's config and its data, and (where Debian's python3-torch is installed) trains a few steps.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { unzipSync } from 'fflate';
import { launch, longTasks, metric, openApp } from './browser';
import { resolveConfig } from '../../src/core/experiment/config';
import type { ExperimentResult } from '../../src/cli/runExperiment';

let browser: Browser;
const baseUrl = inject('baseUrl');
const root = mkdtempSync(join(tmpdir(), 'torch-export-e2e-'));

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  rmSync(root, { recursive: true, force: true });
});

function pythonWithTorch(): string | null {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(candidate, ['-c', 'import torch, PIL'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // next candidate
    }
  }
  return null;
}

describe('the PyTorch project export', () => {
  it('downloads a project of the run that trains', async () => {
    const hash = 'trainSize=64&evalSize=32&batchSize=16&evalEvery=10&seed=3';
    const { page, witness } = await openApp(browser, `${baseUrl}#${hash}&backend=cpu`);
    await expect.poll(() => metric(page, 'metric-alignment'), { timeout: 90_000 }).toBeGreaterThan(0);
    const before = (await longTasks(page)).length;
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('export-torch').click(),
    ]);
    expect(download.suggestedFilename()).toBe('pytorch-project.zip');
    // The project is built in a worker: the page's thread stays free meanwhile.
    expect((await longTasks(page)).slice(before).filter((ms) => ms > 200)).toEqual([]);
    await expect.poll(() => page.getByTestId('export-message').textContent()).toContain('Downloaded');

    const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
    const names = Object.keys(files).map((p) => p.replace(/^pytorch-project\//, ''));
    expect(names).toEqual(expect.arrayContaining(['train.py', 'model.py', 'README.md', 'config.json']));
    expect(names.filter((n) => n.startsWith('data/train/') && n.endsWith('.png')).length).toBe(64);
    const config: unknown = JSON.parse(new TextDecoder().decode(files['pytorch-project/config.json']));
    expect(config).toEqual(resolveConfig(Object.fromEntries(new URLSearchParams(hash))).config);
    expect(witness.errors).toEqual([]);

    const python = pythonWithTorch();
    if (!python) {
      console.warn('torchExport e2e: no python3 with torch and PIL; the downloaded project was not trained');
      return;
    }
    for (const [path, bytes] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), bytes);
    }
    const out = join(root, 'result.json');
    execFileSync(python, ['train.py', '--steps', '10', '--out', out, '--quiet'], {
      cwd: join(root, 'pytorch-project'),
      timeout: 60_000,
      stdio: 'ignore',
    });
    // train.py writes the runner's JSON.
    const result = JSON.parse(readFileSync(out, 'utf8')) as ExperimentResult;
    expect(result.history.map((h: { step: number }) => h.step)).toEqual([0, 10]);
    expect(result.final.gap).toBeLessThan(result.initial.gap);
  }, 180_000);
});
