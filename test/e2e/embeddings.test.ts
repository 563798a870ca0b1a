/**
 * Embeddings brought back: a run exported to PyTorch and trained under torchrun on 2 processes loads
 * back into the app with the gap the PyTorch run reported; 100,000 generated pairs load and show their
 * metrics without a main-thread task of 200 ms or more (they are read and measured in a worker).
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, longTasks, metric, openApp } from './browser';
import { defaultConfig } from '../../src/core/experiment/config';
import { builtInDataset } from '../../src/core/data/datasets';
import { exportTorch } from '../../src/cli/exportTorch';
import type { ExperimentResult } from '../../src/cli/runExperiment';
import { encodeNpy } from '../../src/core/embeddings/npy';
import { readPairs } from '../../src/core/embeddings/readPairs';
import { embeddings } from '../../src/core/metrics/embeddings';
import { modalityGap } from '../../src/core/metrics/gap';
import { createRng } from '../../src/core/random/rng';

/** Debian's python3 with torch (.ci/run installs python3-torch), or $PYTHON. */
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
  console.warn('embeddings.test: the PyTorch round trip is skipped, no python3 with torch and PIL');

function python(args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(PYTHON as string, args, { cwd, timeout: 180_000, maxBuffer: 64 << 20 }, (error, _out, stderr) =>
      error ? reject(new Error(`${args.join(' ')} failed: ${stderr.slice(-2000)}`)) : resolve(),
    );
  });
}

let browser: Browser;
const baseUrl = inject('baseUrl');
const root = mkdtempSync(join(tmpdir(), 'embeddings-e2e-'));
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Chooses `paths` in the embeddings chooser and waits until the view has measured them. */
async function loadEmbeddings(page: Page, paths: string[]): Promise<void> {
  await page.getByTestId('embeddings-input').setInputFiles(paths);
  await expect
    .poll(() => page.getByTestId('embeddings-view').getAttribute('data-status'), {
      timeout: 180_000,
      interval: 250,
    })
    .toMatch(/ready|error/);
  const error = page.getByTestId('embeddings-error');
  if ((await error.count()) > 0) throw new Error(`the view reported: ${await error.textContent()}`);
}

describe('embeddings brought back', () => {
  it.skipIf(!PYTHON)(
    'reads the gap a PyTorch run trained under torchrun on 2 processes reported',
    async () => {
      const project = join(root, 'project');
      await exportTorch(defaultConfig(), builtInDataset(defaultConfig()), project);
      const out = join(root, 'torch.json');
      const projector = join(root, 'projector');
      // gloo on 127.0.0.1; --redirects/--tee: torch 1.13 on Python 3.11 cannot parse its own defaults.
      const torchrun = ['-m', 'torch.distributed.run', '--standalone', '--nproc_per_node=2'];
      const flags = ['--redirects', '9:1', '--tee', '9:1', 'train.py', '--steps', '50', '--eval-every', '25'];
      await python([...torchrun, ...flags, '--out', out, '--embeddings-out', projector, '--quiet'], project);
      const reported = JSON.parse(readFileSync(out, 'utf8')) as ExperimentResult;
      expect(reported.backend).toMatch(/gloo x2$/);

      const { page, witness } = await openApp(browser, baseUrl);
      await loadEmbeddings(
        page,
        readdirSync(projector).map((f) => join(projector, f)),
      );
      expect(await page.getByTestId('embeddings-label').textContent()).toBe(
        'Embeddings from vectors.tsv, metadata.tsv, nothing trained',
      );
      const gap = await metric(page, 'emb-gap');
      console.log(`PyTorch (torchrun x2) gap ${reported.final.gap}, read back in the app ${gap}`);
      expect(Math.abs(gap - reported.final.gap)).toBeLessThan(1e-4);
      expect(Math.abs((await metric(page, 'emb-alignment')) - reported.final.alignment)).toBeLessThan(1e-4);
      // 512 evaluation pairs: retrieval is on all of them, as the PyTorch run measured it.
      expect(Math.abs((await metric(page, 'emb-r1-ab')) - reported.final.seen.i2t.r1)).toBeLessThan(1e-9);
      expect(await page.getByTestId('embeddings-scatter').getAttribute('data-points')).toBe('1024');
      // Closing goes back to the run, which was never replaced.
      await page.getByTestId('embeddings-close').click();
      await page.getByTestId('metric-gap').waitFor();
      expect(witness.errors).toEqual([]);
      await page.close();
    },
    400_000,
  );

  it('shows 100,000 pairs without a main-thread task of 200 ms', async () => {
    const n = 100_000;
    const d = 32;
    const rng = createRng(3);
    const a = new Float32Array(n * d);
    const b = new Float32Array(n * d);
    // Two clouds around different centres, each caption near its image: a gap and good retrieval.
    for (let i = 0; i < n * d; i++) {
      a[i] = rng.normal() + (i % d === 0 ? 3 : 0);
      b[i] = a[i] + 0.5 * rng.normal() + (i % d === 1 ? 3 : 0);
    }
    const files = [join(root, 'image.npy'), join(root, 'text.npy')];
    writeFileSync(files[0], encodeNpy(a, n, d));
    writeFileSync(files[1], encodeNpy(b, n, d));
    const pairs = readPairs(files.map((path) => ({ path, bytes: new Uint8Array(readFileSync(path)) })));
    const expected = modalityGap(embeddings(pairs.a, d), embeddings(pairs.b, d));

    const { page, witness } = await openApp(browser, baseUrl);
    await page.getByTestId('metric-gap').waitFor();
    const before = (await longTasks(page)).length;
    const t0 = Date.now();
    await loadEmbeddings(page, files);
    const seconds = (Date.now() - t0) / 1000;
    await page.getByTestId('embeddings-shift-chart').waitFor();
    // A few frames for the scatter and charts to draw.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
    const tasks = (await longTasks(page)).slice(before);
    console.log(
      `100,000 pairs measured in ${seconds.toFixed(1)} s; main-thread long tasks: ${tasks.length}` +
        (tasks.length ? ` (max ${Math.max(...tasks).toFixed(0)} ms)` : ''),
    );
    expect(await page.getByTestId('embeddings-label').textContent()).toBe(
      'Embeddings from image.npy, text.npy, nothing trained',
    );
    expect(Math.abs((await metric(page, 'emb-gap')) - expected)).toBeLessThan(1e-6);
    expect(await metric(page, 'emb-r1-ab')).toBeGreaterThan(0.5);
    expect(await metric(page, 'emb-cka')).toBeGreaterThan(0.5);
    expect((await page.getByTestId('embeddings-shift').getAttribute('data-gaps'))?.split(',').length).toBe(9);
    expect(tasks.filter((ms) => ms >= 200)).toEqual([]);
    expect(witness.errors).toEqual([]);
    await page.screenshot({ path: 'test-results/embeddings-100k.png', fullPage: true });
    await page.close();
  });
});
