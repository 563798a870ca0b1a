/**
 * Draw time per frame of the shared-space scatter in headless Chromium, WebGL and canvas 2D renderers.
 *
 *   npx tsx bench/scatterDraw.ts [--sizes 2000,20000,100000] [--frames 30] [--screenshot out.png]
 *   npx tsx bench/scatterDraw.ts --projection --sizes 2000   (the projection worker, in the browser)
 *
 * Starts Vite's dev server on 127.0.0.1, opens bench/scatterDraw.html in the Debian Chromium
 * ($CHROMIUM_PATH, or the system's chromium) via playwright-core, and prints one JSON line per measurement.
 * On machines without a GPU, WebGL runs on SwiftShader (software), so the numbers are a floor.
 */
import { spawn } from 'node:child_process';
import { findChromium } from './browser/chromium';
import { launchChromium } from '../scripts/chromium';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const sizes = arg('sizes', '2000,20000,100000').split(',').map(Number);
const frames = Number(arg('frames', '30'));
const screenshot = args.includes('--screenshot') ? arg('screenshot', 'scatter.png') : null;
const port = Number(arg('port', '5199'));

const server = spawn(
  process.execPath,
  ['node_modules/vite/bin/vite.js', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
  {
    stdio: ['ignore', 'pipe', 'pipe'],
  },
);
await new Promise<void>((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('Vite did not start within 60 s')), 60_000);
  server.stdout.on('data', (chunk: Buffer) => {
    if (chunk.toString().includes('Local')) {
      clearTimeout(timer);
      resolve();
    }
  });
  server.on('exit', (code) => reject(new Error(`Vite exited with ${code}`)));
});

const browser = await launchChromium(findChromium((line) => console.error(line)));
try {
  const base = `http://127.0.0.1:${port}/bench/scatterDraw.html`;
  const page = await browser.newPage({ viewport: { width: 860, height: 700 } });
  page.on('console', (m) => {
    // Chromium's own performance hints about readPixels / getImageData are expected here: the bench syncs on purpose.
    if (
      (m.type() === 'error' || m.type() === 'warning') &&
      !/GPU stall|willReadFrequently|404/.test(m.text())
    )
      console.error('page:', m.text());
  });
  // On a first run Vite may discover a dependency late, optimise it and reload the page under a running
  // evaluation: wait for the reloaded page and try once more.
  const retry = async <T>(ready: () => Promise<unknown>, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (!/context was destroyed|navigat/i.test(String(error))) throw error;
      await page.waitForLoadState('load');
      await ready();
      return run();
    }
  };
  if (args.includes('--projection')) {
    // The projection worker in the browser (module worker bundled by Vite), for comparison with Node.
    await page.goto(base);
    const ready = () =>
      page.waitForFunction(() => typeof window.benchProjection === 'function', null, { timeout: 60_000 });
    await ready();
    for (const rows of sizes) {
      const result = await retry(ready, () =>
        page.evaluate(([m]) => window.benchProjection(m, 32), [rows] as const),
      );
      console.log(JSON.stringify(result));
    }
  } else if (screenshot) {
    const query = arg('query', 'demo&select');
    await page.goto(`${base}?${query}`);
    await page.waitForFunction(() => window.demoReady === true, null, { timeout: 60_000 });
    await page.locator('#plot').screenshot({ path: screenshot });
    console.log(JSON.stringify({ screenshot }));
  } else {
    await page.goto(base);
    const ready = () =>
      page.waitForFunction(() => typeof window.benchScatter === 'function', null, { timeout: 60_000 });
    await ready();
    for (const rows of sizes)
      for (const renderer of ['webgl', 'canvas', 'none'] as const) {
        const result = await retry(ready, () =>
          page.evaluate(([r, m, f]) => window.benchScatter(r, m, f), [renderer, rows, frames] as const),
        );
        console.log(JSON.stringify(result));
      }
  }
} finally {
  await browser.close();
  server.kill();
}
