/**
 * The import worker in real Chromium: createImageBitmap + OffscreenCanvas decode PNG, JPEG, WebP, GIF
 * and BMP in the worker, SVG is drawn on the page, a zip is expanded, broken files are reported by name,
 * and thumbnails come back. Served by Vite's dev server from the sources (no build needed).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import type { Browser, Page } from 'playwright-core';
import { launch } from './browser';
import type { ImportClient } from '../../src/training/import/importClient';
import { GIF_1x1, SVG, makeBmp, makePng, text, zipSync } from '../core/data/import/fixtures';

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
  await page.goto(`${url}test/e2e/fixtures/importWorker.html`);
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('decodes every type off the page, reports broken files and returns thumbnails', async () => {
  const files = {
    'set/red_square.png': makePng(40, 20, (x) => (x < 10 || x >= 30 ? [0, 0, 255, 255] : [255, 0, 0, 255])),
    'set/black.bmp': makeBmp(4, 4),
    'set/dot.gif': GIF_1x1,
    'set/logo.svg': SVG,
    'set/broken.png': makePng(8, 8).subarray(0, 30),
    'set/notes.md': text('# not an image'),
    'pack.zip': zipSync({
      'inner/zipped_green.png': makePng(4, 4, () => [0, 255, 0, 255]),
      '../evil.png': makePng(2, 2),
    }),
  };
  const result = await page.evaluate(
    async (input) => {
      // JPEG and WebP are encoded by the browser itself.
      const canvas = new OffscreenCanvas(16, 16);
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#0000ff';
      ctx.fillRect(0, 0, 16, 16);
      const jpeg = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
      const webp = await canvas.convertToBlob({ type: 'image/webp', quality: 1 });
      const files = [
        ...Object.entries(input).map(([path, bytes]) => ({ path, data: new Uint8Array(bytes) })),
        { path: 'set/blue_photo.jpg', data: jpeg },
        { path: 'set/blue_web.webp', data: webp },
      ];
      const phases = new Set<string>();
      const client = (window as unknown as { importClient: ImportClient }).importClient;
      const outcome = await client.start(files, { thumbnails: true, onProgress: (p) => phases.add(p.phase) })
        .result;
      if (outcome.status !== 'done') return null;
      const { pairs } = outcome;
      const pixel = (i: number) =>
        Array.from(
          pairs.images.slice(i * 3072 + 16 * 32 * 3 + 16 * 3, i * 3072 + 16 * 32 * 3 + 16 * 3 + 3),
        ).map((v) => Math.round((v / 255) * 100) / 100); // pictures arrive as RGB bytes
      return {
        paths: pairs.paths,
        captions: pairs.captions,
        centre: pairs.paths.map((_, i) => pixel(i)),
        thumbnails: pairs.thumbnails?.length,
        rejected: pairs.rejected.map((r) => `${r.path}: ${r.reason}`),
        phases: [...phases],
      };
    },
    Object.fromEntries(Object.entries(files).map(([k, v]) => [k, Array.from(v)])),
  );

  expect(result).not.toBeNull();
  expect(result!.paths).toEqual([
    'pack.zip/inner/zipped_green.png',
    'set/black.bmp',
    'set/blue_photo.jpg',
    'set/blue_web.webp',
    'set/dot.gif',
    'set/logo.svg',
    'set/red_square.png',
  ]);
  expect(result!.captions[6]).toEqual(['red square']);
  const centre = Object.fromEntries(result!.paths.map((p, i) => [p, result!.centre[i]]));
  expect(centre['pack.zip/inner/zipped_green.png']).toEqual([0, 1, 0]);
  expect(centre['set/black.bmp']).toEqual([0, 0, 0]);
  expect(centre['set/logo.svg']).toEqual([1, 0, 0]);
  expect(centre['set/red_square.png']).toEqual([1, 0, 0]); // the centre crop drops the blue sides
  for (const p of ['set/blue_photo.jpg', 'set/blue_web.webp']) {
    expect(centre[p][2]).toBeGreaterThan(0.9);
    expect(centre[p][0]).toBeLessThan(0.1);
  }
  expect(result!.thumbnails).toBe(7 * 64 * 64 * 4);
  expect(result!.rejected.sort()).toEqual([
    'pack.zip/../evil.png: unsafe-path',
    'set/broken.png: truncated',
    'set/notes.md: unsupported-type',
  ]);
  expect(result!.phases).toEqual(expect.arrayContaining(['reading', 'checking', 'decoding']));
});
