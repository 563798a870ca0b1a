/**
 * Embeddings brought back: a run exported to PyTorch and trained under torchrun on 2 processes loads
 * back into the app with the gap the PyTorch run reported; 100,000 generated pairs load and show their
 * metrics without a main-thread task of 200 ms or more (they are read and measured in a worker).
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
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

/** A TCP port free on 127.0.0.1 just now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
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

const N = 100_000;
const D = 32;

/**
 * Two clouds around different centres, each caption near its image: a gap and good retrieval. Plain
 * code with its own generator, so the page can run the same function (by its source) as Node.
 */
function generatePairs(n: number, d: number): { a: Float32Array; b: Float32Array } {
  let s = 12345;
  const uniform = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) + 0.5) / 4294967296;
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const a = new Float32Array(n * d);
  const b = new Float32Array(n * d);
  for (let i = 0; i < n * d; i++) {
    a[i] = normal() + (i % d === 0 ? 3 : 0);
    b[i] = a[i] + 0.5 * normal() + (i % d === 1 ? 3 : 0);
  }
  return { a, b };
}

/**
 * In the page: image.npy and text.npy of generatePairs(n, d) as Files on window.__embeddingFiles, made
 * in a worker of the test's own so that neither the work nor its garbage lands on the page's thread.
 */
function makeFilesInPage({ n, d, generator }: { n: number; d: number; generator: string }): Promise<void> {
  const source = `
    const __name = (f) => f;
    const generatePairs = ${generator};
    const npy = (data) => {
      let header = "{'descr': '<f4', 'fortran_order': False, 'shape': (${n}, ${d}), }";
      const total = Math.ceil((10 + header.length + 1) / 64) * 64;
      header = header.padEnd(total - 11, ' ') + String.fromCharCode(10);
      const head = new Uint8Array(total);
      head.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
      new DataView(head.buffer).setUint16(8, header.length, true);
      for (let i = 0; i < header.length; i++) head[10 + i] = header.charCodeAt(i);
      return [head, data];
    };
    const { a, b } = generatePairs(${n}, ${d});
    postMessage([new File(npy(a), 'image.npy'), new File(npy(b), 'text.npy')]);
  `;
  const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
  return new Promise((resolve) => {
    worker.onmessage = (e: MessageEvent<File[]>) => {
      (window as unknown as { __embeddingFiles: File[] }).__embeddingFiles = e.data;
      worker.terminate();
      resolve();
    };
  });
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
      // Rendezvous on a free port of 127.0.0.1: --standalone's fixed port 29400 collides with any other
      // torchrun on the machine.
      const port = await freePort();
      const torchrun = [
        '-m',
        'torch.distributed.run',
        '--nnodes=1',
        '--nproc_per_node=2',
        '--rdzv_backend=c10d',
        `--rdzv_endpoint=127.0.0.1:${port}`,
        `--rdzv_id=embeddings-${port}`,
      ];
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
      await page.getByTestId('embeddings-scatter').waitFor();
      expect(await page.getByTestId('embeddings-scatter').getAttribute('data-points')).toBe('1024');
      // The run's own charts wait while the embeddings are shown: no run numbers beside them.
      expect(await page.getByTestId('run-panels-waiting').isVisible()).toBe(true);
      expect(await page.getByTestId('export-projector').count()).toBe(0);
      // Closing goes back to the run, which was never replaced.
      await page.getByTestId('embeddings-close').click();
      await page.getByTestId('metric-gap').waitFor();
      expect(await page.getByTestId('run-panels-waiting').count()).toBe(0);
      expect(witness.errors).toEqual([]);
      await page.close();
    },
    400_000,
  );

  it('shows 100,000 pairs dropped on the page without a main-thread task of 200 ms', async () => {
    const { a, b } = generatePairs(N, D);
    const pairs = readPairs([
      { path: 'image.npy', bytes: encodeNpy(a, N, D) },
      { path: 'text.npy', bytes: encodeNpy(b, N, D) },
    ]);
    const expected = modalityGap(embeddings(pairs.a, D), embeddings(pairs.b, D));

    const { page, witness } = await openApp(browser, baseUrl);
    // The run's first layout drawn: the page has done its start-up work.
    await expect
      .poll(() => page.getByTestId('scatter').getAttribute('data-points'), { timeout: 120_000 })
      .not.toBe('0');
    await page.waitForTimeout(3000);
    // The files are made in the page and dropped, as a file manager hands them over: the test harness's
    // own transfer of 25 MB into a file input would be a long task of its own, before the app sees them.
    await page.evaluate(makeFilesInPage, { n: N, d: D, generator: generatePairs.toString() });
    const before = (await longTasks(page)).length;
    const t0 = Date.now();
    await page.evaluate(() => {
      const w = window as unknown as { __embeddingFiles: File[] };
      const transfer = new DataTransfer();
      for (const f of w.__embeddingFiles) transfer.items.add(f);
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, cancelable: true }));
    });
    await expect
      .poll(() => page.getByTestId('embeddings-view').getAttribute('data-status'), {
        timeout: 180_000,
        interval: 250,
      })
      .toBe('ready');
    const seconds = (Date.now() - t0) / 1000;
    await page.getByTestId('embeddings-shift-chart').waitFor();
    // A few frames for the scatter and charts to draw.
    await page.waitForTimeout(1000);
    const tasks = (await longTasks(page)).slice(before);
    console.log(
      `100,000 pairs measured in ${seconds.toFixed(1)} s; main-thread long tasks: ${tasks.length}` +
        (tasks.length ? ` (${tasks.map((t) => t.toFixed(0)).join(', ')} ms)` : ''),
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
