/**
 * Training runs on every TF.js backend the browser offers, with a model each supports, and a model a
 * backend cannot train is refused there with the reason, never a crash.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, metric, openApp, stepCount } from './browser';

let browser: Browser;
const baseUrl = inject('baseUrl');
const SMALL = 'trainSize=300&evalSize=64&evalEvery=10';

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe.each([
  ['webgpu', 'mlp'],
  ['webgl', 'cnn'],
  ['wasm', 'cnn-portable'],
  ['cpu', 'mlp'],
])('on %s with the %s image encoder', (backend, imageEncoder) => {
  it('trains: the step count and metrics move and the shared space is drawn', async () => {
    const { page, witness } = await openApp(
      browser,
      `${baseUrl}#${SMALL}&imageEncoder=${imageEncoder}&backend=${backend}`,
    );
    await expect
      .poll(() => page.getByTestId('backend').getAttribute('data-backend'), { timeout: 90_000 })
      .toBe(backend);
    await expect.poll(() => metric(page, 'metric-alignment'), { timeout: 30_000 }).toBeGreaterThan(0);
    const alignment0 = await metric(page, 'metric-alignment');
    await page.getByTestId('play').click();
    await expect.poll(() => stepCount(page), { timeout: 120_000 }).toBeGreaterThanOrEqual(20);
    await expect.poll(() => metric(page, 'metric-alignment'), { timeout: 60_000 }).toBeLessThan(alignment0);
    await page.getByTestId('pause').click();
    await expect
      .poll(() => page.getByTestId('scatter').getAttribute('data-points'), { timeout: 30_000 })
      .toBe('128');
    expect(witness.errors).toEqual([]);
    await page.close();
  });
});

describe('a model a backend cannot train', () => {
  it('is not run there: the app says why and trains it elsewhere', async () => {
    const { page, witness } = await openApp(browser, `${baseUrl}#${SMALL}&imageEncoder=cnn&backend=wasm`);
    const backend = page.getByTestId('backend');
    await expect.poll(() => backend.getAttribute('data-backend'), { timeout: 90_000 }).not.toBe('');
    expect(await backend.getAttribute('data-backend')).not.toBe('wasm');
    expect(await backend.getAttribute('title')).toMatch(/WebAssembly cannot train this model here .*conv2d/);
    await page.getByTestId('step').click();
    await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBe(1);
    expect(witness.errors).toEqual([]);
    await page.close();
  });
});
