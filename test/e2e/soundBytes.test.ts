/**
 * The ShapeCaptions sounds are the same bytes in Node and in Chromium's worker: the waveforms and the
 * log-mel features of the default dataset's (seed 1) first 64 scenes hash alike. Served by Vite's dev
 * server from the sources (no build needed), like the import worker test.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import type { Browser, Page } from 'playwright-core';
import { launch } from './browser';
import { soundHashes, type SoundHashes } from './fixtures/soundBytes';
import { defaultConfig } from '../../src/core/experiment/config';

let browser: Browser;
let server: ViteDevServer;
let page: Page;

beforeAll(async () => {
  server = await createServer({
    configFile: false,
    root: process.cwd(),
    logLevel: 'warn',
    worker: { format: 'es' },
    server: { host: '127.0.0.1', port: 0 },
  });
  await server.listen();
  browser = await launch();
  page = await browser.newPage();
  const url = server.resolvedUrls?.local[0];
  await page.goto(`${url}test/e2e/fixtures/soundBytes.html`);
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it("generates the default dataset's sounds and features byte for byte as Node does", async () => {
  const seed = defaultConfig().seed;
  const n = 64;
  const inNode = await soundHashes(seed, n);
  const inWorker = await page.evaluate(
    ([s, k]) =>
      (
        window as unknown as { soundHashesInWorker: (s: number, k: number) => Promise<SoundHashes> }
      ).soundHashesInWorker(s, k),
    [seed, n] as const,
  );
  expect(inWorker.sample).toBe(inNode.sample);
  expect(inWorker.waves).toBe(inNode.waves);
  expect(inWorker.features).toBe(inNode.features);
});
