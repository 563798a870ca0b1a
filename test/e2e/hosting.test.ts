/**
 * The build is static files that work from any host and sub-path, and keep working offline once loaded
 * (the service worker precaches everything on the first visit).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, stepCount } from './browser';
import { BUILT_APP, serveStatic } from './staticServer';

let browser: Browser;
let server: Awaited<ReturnType<typeof serveStatic>>;

beforeAll(async () => {
  browser = await launch();
  server = await serveStatic(BUILT_APP, '/school/class-7/playground/');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('runs from a sub-path and keeps working offline after the first visit', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url, { waitUntil: 'load' });
  await page.getByTestId('step').waitFor();
  await expect
    .poll(() => page.getByTestId('backend').getAttribute('data-backend'), { timeout: 60_000 })
    .not.toBe('');
  // Wait until the service worker controls the page and has precached the build.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload({ waitUntil: 'load' });
  await expect
    .poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), { timeout: 30_000 })
    .toBe(true);

  await context.setOffline(true);
  await page.reload({ waitUntil: 'load' });
  await page.getByTestId('step').waitFor();
  await expect
    .poll(() => page.getByTestId('backend').getAttribute('data-backend'), { timeout: 60_000 })
    .not.toBe('');
  await expect.poll(() => page.getByTestId('step').isEnabled(), { timeout: 30_000 }).toBe(true);
  await page.getByTestId('step').click();
  await expect.poll(() => stepCount(page), { timeout: 30_000 }).toBe(1);
  expect(errors).toEqual([]);
  await context.close();
});
