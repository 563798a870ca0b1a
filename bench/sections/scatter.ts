/**
 * Draw time per frame of the shared-space scatter at 2,000 / 20,000 / 100,000 points, through the bench
 * page bench/scatterDraw.html (window.benchScatter) on Vite's dev server, WebGL and canvas 2D renderers.
 * Each frame is synchronised (a one-pixel read-back), so the time includes the drawing itself.
 */
import type { Browser, Page } from 'playwright-core';
import { figure, type Figure } from '../lib/figures';
import type { BenchOptions } from '../lib/options';
import { NAME_HELPER } from '../browser/appPage';

const SIZES = [2000, 20000, 100000];

interface ScatterResult {
  renderer: string | null;
  rows: number;
  staticMs: number;
  glideMs: number;
}

/** Vite may optimise a dependency on first load and reload the page under a running evaluation: retry once. */
async function measure(page: Page, renderer: string, rows: number, frames: number): Promise<ScatterResult> {
  const ready = () =>
    page.waitForFunction(() => typeof window.benchScatter === 'function', null, { timeout: 120_000 });
  const run = () =>
    page.evaluate(([r, n, f]) => window.benchScatter(r as 'webgl' | 'canvas', n, f), [
      renderer,
      rows,
      frames,
    ] as const);
  try {
    await ready();
    return await run();
  } catch (error) {
    if (!/context was destroyed|navigat/i.test(String(error))) throw error;
    await page.waitForLoadState('load');
    await ready();
    return run();
  }
}

export async function scatter(
  browser: Browser,
  devUrl: string,
  options: BenchOptions,
): Promise<{ figures: Figure[]; notes: string[] }> {
  const page = await browser.newPage({ viewport: { width: 860, height: 700 } });
  const figures: Figure[] = [];
  try {
    await page.addInitScript(NAME_HELPER);
    await page.goto(new URL('bench/scatterDraw.html', devUrl).href);
    for (const renderer of ['webgl', 'canvas'] as const)
      for (const rows of SIZES) {
        options.log(`scatter ${renderer}: ${rows} points`);
        const still: number[] = [];
        const glide: number[] = [];
        let used = renderer as string;
        for (let r = 0; r < options.runs; r++) {
          const result = await measure(page, renderer, rows, options.quick ? 10 : 30);
          still.push(result.staticMs);
          glide.push(result.glideMs);
          used = result.renderer ?? 'none';
        }
        const points = rows.toLocaleString('en-US');
        const goal = rows === 100000 ? { text: '< 16 ms', test: (m: number) => m < 16 } : undefined;
        const note = used === renderer ? undefined : `fell back to ${used}`;
        figures.push(
          figure(
            {
              name: `${renderer} · ${points} points · redraw`,
              unit: 'ms',
              values: still,
              better: 'lower',
              ...(note ? { note } : {}),
            },
            goal,
          ),
          figure(
            {
              name: `${renderer} · ${points} points · gliding`,
              unit: 'ms',
              values: glide,
              better: 'lower',
              ...(note ? { note } : {}),
            },
            goal,
          ),
        );
      }
  } finally {
    await page.close();
  }
  return {
    figures,
    notes: [
      'Redraw: the layout is on the GPU already and only the view changes (hover). Gliding: every frame ' +
        'interpolates all positions and uploads them, as while a new layout arrives. Median of ' +
        `${options.quick ? 10 : 30} frames per run, 800×600 CSS pixels at device pixel ratio 1; without a GPU ` +
        'WebGL is SwiftShader, so these are a floor.',
    ],
  };
}
