/**
 * Cold start: what a first visit downloads (the production build, gzip-compressed as a static host
 * serves it) and how long until the app is interactive (Play enabled, first metrics shown) in a fresh
 * browser profile, service worker allowed as for a real first visit.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { figure, type Figure } from '../lib/figures';
import type { BenchOptions } from '../lib/options';
import { NAME_HELPER, waitReady } from '../browser/appPage';

const KB = 1024;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Gzip sizes (level 9) of the build, by kind; `entry` is what index.html loads before any interaction. */
function bundleSizes(outDir: string): Record<string, number> {
  const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;
  const all = files(outDir);
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const entry = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const sum = (list: string[]) => list.reduce((s, p) => s + gz(p), 0);
  const rel = (p: string) => relative(outDir, p);
  return {
    entry: sum(entry.map((e) => join(outDir, e))),
    workers: sum(all.filter((p) => /Worker-|\/worker-/.test(rel(p)) && extname(p) === '.js')),
    js: sum(all.filter((p) => extname(p) === '.js')),
    wasm: sum(all.filter((p) => /wasm-simd-.*\.wasm$/.test(p))),
    total: sum(all),
  };
}

export async function coldStart(
  browser: Browser,
  outDir: string,
  baseUrl: string,
  options: BenchOptions,
): Promise<{ figures: Figure[]; notes: string[] }> {
  const sizes = bundleSizes(outDir);
  const interactive: number[] = [];
  const paint: number[] = [];
  let error = '';
  for (let r = 0; r < options.runs; r++) {
    options.log(`cold start, run ${r + 1}`);
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    try {
      const page = await context.newPage();
      await page.addInitScript(NAME_HELPER);
      await page.goto(baseUrl, { waitUntil: 'commit' });
      await waitReady(page, 180_000);
      const t = await page.evaluate(() => ({
        now: performance.now(),
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      }));
      interactive.push(t.now / 1000);
      paint.push(t.fcp / 1000);
    } catch (e) {
      error = `failed: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]?.slice(0, 160)}`;
    } finally {
      await context.close();
    }
  }
  const size = (name: string, bytes: number, goal?: { text: string; test: (m: number) => boolean }) =>
    figure({ name, unit: 'KB gzip', values: [bytes / KB], better: 'lower' }, goal);
  return {
    figures: [
      size('bundle: scripts and styles loaded by the page', sizes.entry ?? NaN),
      size('bundle: workers (training, projection, import)', sizes.workers ?? NaN),
      size('bundle: WASM binary (SIMD)', sizes.wasm ?? NaN),
      size('bundle: everything precached for offline use', sizes.total ?? NaN),
      figure({ name: 'first contentful paint', unit: 's', values: paint, better: 'lower' }),
      figure({
        name: 'time to first interactive (Play enabled, first metrics)',
        unit: 's',
        values: interactive,
        better: 'lower',
        ...(error ? { note: error } : { note: 'includes the automatic backend probe' }),
      }),
    ],
    notes: [
      'Sizes: gzip -9 of the production build; of the three WASM binaries a browser fetches one (SIMD here). Times: a fresh browser profile per run, from navigation start, served from 127.0.0.1 (no ' +
        'network latency).',
    ],
  };
}
