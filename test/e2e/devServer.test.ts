/**
 * The quick start's `npm start` is Vite's dev server, whose pre-bundled dependencies load in another
 * order than the production build: the app must train there too, from a cold dependency cache as on a
 * fresh machine, and load once: a dependency Vite finds only mid-visit (one a worker imports) makes it
 * bundle again and reload the page under the user.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger, createServer, type ViteDevServer } from 'vite';
import type { Browser } from 'playwright-core';
import { launch, metric, stepCount } from './browser';

let browser: Browser;
let server: ViteDevServer;
const cacheDir = mkdtempSync(join(tmpdir(), 'vite-cache-'));
/** Everything Vite logged, to find a mid-visit re-optimisation. */
const viteLog: string[] = [];

/** Vite's logger, also keeping every message (it reports a re-optimisation at 'info'). */
function recordingLogger() {
  const logger = createLogger('warn');
  const keep = (message: string) => viteLog.push(message);
  logger.info = keep;
  const warn = logger.warn.bind(logger);
  logger.warn = (message, options) => (keep(message), warn(message, options));
  return logger;
}

beforeAll(async () => {
  browser = await launch();
  server = await createServer({
    customLogger: recordingLogger(),
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

it('closes the gap after Play in the dev server started by npm start', async () => {
  const url = server.resolvedUrls?.local[0];
  expect(url).toBeTruthy();
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  let loads = 0;
  page.on('load', () => loads++);
  await page.goto(url!, { waitUntil: 'load' });
  // Waits until the app is ready to step or shows an error, whichever comes first.
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
  // The README's promise, on the defaults and the backend the app picks: the gap visibly closes.
  await expect.poll(() => metric(page, 'metric-alignment'), { timeout: 60_000 }).toBeGreaterThan(0);
  const alignment0 = await metric(page, 'metric-alignment');
  const r1Start = await metric(page, 'metric-r1');
  await page.getByTestId('play').click();
  await expect
    .poll(() => metric(page, 'metric-alignment'), { timeout: 60_000, interval: 500 })
    .toBeLessThan(alignment0 / 2);
  await expect.poll(() => metric(page, 'metric-r1'), { timeout: 30_000 }).toBeGreaterThan(r1Start + 0.2);
  await page.getByTestId('pause').click();
  expect(await stepCount(page)).toBeGreaterThan(0);
  expect(await error.count()).toBe(0);
  expect(errors).toEqual([]);
  // Every dependency, the workers' included, was bundled before the first page load: no second one.
  expect(viteLog.filter((m) => /optimized dependencies changed|reloading|new dependenc/i.test(m))).toEqual(
    [],
  );
  expect(loads).toBe(1);
});
