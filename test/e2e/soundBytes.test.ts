/**
 * The ShapeCaptions sounds are the same bytes in Node and in Chromium's worker: the waveforms and the
 * log-mel features of the default dataset's (seed 1) first 64 scenes hash alike. Served by Vite's dev
 * server from the sources (no build needed), like the import worker test. Also the import's page-side
 * sound decoder (decodeAudioData) in real Chromium.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import type { Browser, Page } from 'playwright-core';
import { launch } from './browser';
import { soundHashes, type SoundHashes } from './fixtures/soundBytes';
import { defaultConfig } from '../../src/core/experiment/config';
import * as wavefileModule from 'wavefile';

const WaveFile =
  wavefileModule.WaveFile ??
  (wavefileModule as unknown as { default: typeof wavefileModule }).default.WaveFile;

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

it('decodes a sound on the page with decodeAudioData, resampled to 16 kHz and mixed to mono', async () => {
  // 0.5 s of 440 Hz at 44.1 kHz in two equal channels (WAV: the one format every browser decodes).
  const w = new WaveFile();
  const rate = 44_100;
  const tone = Array.from({ length: rate / 2 }, (_, i) =>
    Math.round(16384 * Math.sin((2 * Math.PI * 440 * i) / rate)),
  );
  w.fromScratch(2, rate, '16', [tone, tone]);
  const bytes = Array.from(w.toBuffer());
  const decoded = await page.evaluate(
    (b) =>
      (
        window as unknown as {
          decodeSoundOnPage: (b: number[]) => Promise<{ length: number; seconds: number; sample: number }>;
        }
      ).decodeSoundOnPage(b),
    bytes,
  );
  expect(decoded.seconds).toBeCloseTo(0.5, 3);
  expect(Math.abs(decoded.length - 8000)).toBeLessThanOrEqual(1);
  // Sample 4 at 16 kHz: 0.5 sin(2 pi 440 * 4 / 16000) = 0.5 * 0.63742 = 0.3187 (the resampler's filter
  // shifts it a little).
  expect(decoded.sample).toBeCloseTo(0.3187, 1);
});
