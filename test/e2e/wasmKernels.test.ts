/**
 * The project's WASM kernels (src/core/wasm) in the built app's training worker in Chromium: on
 * `#backend=wasm` the page says the relaxed-SIMD kernels run, the worker's steps do call them (Adam in one
 * pass, the unpacked product), and the losses of the first steps are those of plain TF.js in Node.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page, Worker } from 'playwright-core';
import { launch, metric, openApp, stepCount } from './browser';
import { useNodeBackend } from '../../src/cli/nodeBackends';
import { resolveConfig } from '../../src/core/experiment/config';
import { builtInDataset } from '../../src/core/data/datasets';
import { Trainer } from '../../src/training/trainer';
import { wasmKernelOptions } from '../../src/core/wasm/wasmKernels';

let browser: Browser;
const baseUrl = inject('baseUrl');
// The default (coordinated) model on the built-in shapes, small and evaluated after every step.
const SETTINGS = { trainSize: 300, evalSize: 64, evalEvery: 1 };
const HASH = Object.entries(SETTINGS)
  .map(([k, v]) => `${k}=${v}`)
  .join('&');

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The app's training worker (it exposes `playgroundDebug` to a debugger). */
async function trainingWorker(page: Page): Promise<Worker> {
  for (const w of page.workers())
    if (await w.evaluate(() => 'playgroundDebug' in self).catch(() => false)) return w;
  throw new Error('the training worker was not found');
}

/** How often the worker called each of the project's kernels, from TF.js's global kernel registry. */
const COUNT_CALLS = `(() => {
  const registry = globalThis._tfGlobals.get('kernelRegistry');
  const calls = (globalThis.__kernelCalls = {});
  for (const name of ['AdamUpdate', 'UnpackedMatMul']) {
    const kernel = registry.get('wasm_' + name);
    if (!kernel) continue;
    calls[name] = 0;
    const run = kernel.kernelFunc;
    kernel.kernelFunc = (args) => (calls[name]++, run(args));
  }
  return Object.keys(calls);
})()`;

/** Losses of the step-0 evaluation and of steps 1..n, as the metrics CSV has them. */
async function csvLosses(page: Page): Promise<number[]> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-metrics').click()]);
  const rows = readFileSync(await d.path(), 'utf8')
    .trimEnd()
    .split('\n');
  const columns = rows[0].split(',');
  const step = columns.indexOf('step');
  const loss = columns.indexOf('loss');
  return rows.slice(1).map((r, i) => {
    const cells = r.split(',');
    expect(Number(cells[step])).toBe(i);
    return Number(cells[loss]);
  });
}

/** The same run in Node on wasm with TF.js's own kernels: the step-0 loss, then each step's. */
async function plainLosses(steps: number): Promise<number[]> {
  await useNodeBackend('wasm');
  wasmKernelOptions.enabled = false;
  const { config, errors } = resolveConfig(SETTINGS);
  expect(errors).toEqual([]);
  const trainer = new Trainer(config, builtInDataset(config));
  try {
    const losses = [await trainer.probeLoss()];
    for (let s = 0; s < steps; s++) losses.push((await trainer.train(1)).loss);
    return losses;
  } finally {
    trainer.dispose();
    wasmKernelOptions.enabled = true;
  }
}

describe('the WASM kernels in the training worker', () => {
  it('run on #backend=wasm, say so, and train as plain TF.js does', async () => {
    const { page, witness } = await openApp(browser, `${baseUrl}#${HASH}&backend=wasm`);
    await expect
      .poll(() => page.getByTestId('backend').getAttribute('data-backend'), { timeout: 90_000 })
      .toBe('wasm');
    // Chromium ships relaxed SIMD: the kernels with fused multiply-adds.
    await expect.poll(() => page.locator('.backend-adapter').textContent()).toBe('relaxed SIMD kernels');
    await expect.poll(() => metric(page, 'metric-alignment'), { timeout: 60_000 }).toBeGreaterThan(0);

    // The first step registers the kernels it uses; from then on each step calls them.
    const worker = await trainingWorker(page);
    const steps = 3;
    for (let s = 1; s <= steps; s++) {
      await page.getByTestId('step').click();
      await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBe(s);
      if (s === 1) expect(await worker.evaluate(COUNT_CALLS)).toEqual(['AdamUpdate', 'UnpackedMatMul']);
    }
    const calls = await worker.evaluate<Record<string, number>>('globalThis.__kernelCalls');
    // Adam: one call per variable per step (4 of the image and text layers, at least); the products of
    // the weight gradients are the unpacked kernel's.
    expect(calls.AdamUpdate).toBeGreaterThanOrEqual(4 * (steps - 1));
    expect(calls.AdamUpdate % (steps - 1)).toBe(0);
    expect(calls.UnpackedMatMul).toBeGreaterThan(0);

    await expect.poll(() => page.getByTestId('export-metrics').isEnabled(), { timeout: 30_000 }).toBe(true);
    await expect.poll(async () => (await csvLosses(page)).length, { timeout: 30_000 }).toBe(steps + 1);
    const browserLosses = await csvLosses(page);
    const plain = await plainLosses(steps);
    // Relaxed fused multiply-adds round once where TF.js rounds twice: the same losses to float32 accuracy.
    browserLosses.forEach((l, i) =>
      expect(Math.abs(l - plain[i])).toBeLessThan(1e-5 * Math.max(1, plain[i])),
    );
    expect(plain[steps]).not.toBe(plain[1]); // the steps did train
    expect(witness.errors).toEqual([]);
    await page.close();
  });
});
