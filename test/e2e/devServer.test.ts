/**
 * The quick start's `npm start` is Vite's dev server, whose pre-bundled dependencies load in another
 * order than the production build: the app must train there too, from a cold dependency cache as on a
 * fresh machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import type { Browser } from 'playwright-core';
import { launch, stepCount } from './browser';

let browser: Browser;
let server: ViteDevServer;
const cacheDir = mkdtempSync(join(tmpdir(), 'vite-cache-'));

beforeAll(async () => {
  browser = await launch();
  server = await createServer({
    logLevel: 'warn',
    cacheDir,
    server: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  await server.listen();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

it('trains in the dev server started by npm start', async () => {
  const url = server.resolvedUrls?.local[0];
  expect(url).toBeTruthy();
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${url}#backend=cpu`, { waitUntil: 'load' });
  // A cold cache may make Vite reload the page once while it bundles what it discovered. Waits until the
  // app is ready to step or shows an error, whichever comes first.
  await page.waitForFunction(
    () => {
      const step = document.querySelector('[data-testid="step"]');
      return document.querySelector('[data-testid="error"]') || (step && !step.hasAttribute('disabled'));
    },
    null,
    { timeout: 180_000, polling: 250 },
  );
  const error = page.getByTestId('error');
  expect((await error.count()) ? await error.textContent() : '').toBe('');
  await page.getByTestId('step').click();
  await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBe(1);
  expect(await error.count()).toBe(0);
  expect(errors).toEqual([]);
});
