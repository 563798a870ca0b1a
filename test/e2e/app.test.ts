/**
 * The app as a user meets it: press Play on the defaults and watch the gap close; the same numbers as the
 * headless runner; links that restore a setup; nothing leaves the page.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, longTasks, metric, openApp, stepCount } from './browser';
import { resolveConfig } from '../../src/core/experiment/config';
import { useNodeBackend } from '../../src/cli/nodeBackends';
import { runExperiment } from '../../src/cli/runExperiment';

let browser: Browser;

/** Trace categories that record every main-thread task (RunTask) with its CPU time. */
const TASK_TRACE = ['devtools.timeline', 'disabled-by-default-devtools.timeline'];

/** CPU time (ms) of each task of the renderer's main thread in a Chromium trace. */
function mainThreadTaskCpu(trace: Buffer): number[] {
  type TraceEvent = {
    name: string;
    ph: string;
    pid: number;
    tid: number;
    tdur?: number;
    args?: { name?: string };
  };
  const { traceEvents } = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] };
  const main = new Set(
    traceEvents
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  return traceEvents
    .filter(
      (e) => e.name === 'RunTask' && e.ph === 'X' && e.tdur !== undefined && main.has(`${e.pid}:${e.tid}`),
    )
    .map((e) => e.tdur! / 1000);
}
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the live app', () => {
  it('closes the gap within 60 seconds of Play on the defaults, without freezing the page', async () => {
    const { page, witness } = await openApp(browser, baseUrl);
    await page.getByTestId('play').waitFor({ state: 'visible' });
    await expect.poll(() => metric(page, 'metric-alignment'), { timeout: 60_000 }).toBeGreaterThan(0);
    const alignment0 = await metric(page, 'metric-alignment');
    const r1Start = await metric(page, 'metric-r1');
    const tasksBefore = (await longTasks(page)).length;
    // The renderer's own trace gives each main-thread task's CPU time, which other processes' load on the
    // machine does not stretch as it stretches the wall-clock durations the long-task observer reports.
    await browser.startTracing(page, { categories: TASK_TRACE });
    const t0 = Date.now();
    await page.getByTestId('play').click();
    await expect
      .poll(() => metric(page, 'metric-alignment'), { timeout: 60_000, interval: 500 })
      .toBeLessThan(alignment0 / 2);
    const seconds = (Date.now() - t0) / 1000;
    await expect.poll(() => metric(page, 'metric-r1'), { timeout: 30_000 }).toBeGreaterThan(r1Start + 0.2);
    const tasks = (await longTasks(page)).slice(tasksBefore);
    const cpu = mainThreadTaskCpu(await browser.stopTracing());
    await page.getByTestId('pause').click();
    const backend = await page.getByTestId('backend').getAttribute('data-backend');
    console.log(
      `gap closing: alignment ${alignment0.toFixed(3)} -> under half in ${seconds.toFixed(1)} s on ${backend}; ` +
        `R@1 ${r1Start.toFixed(3)} -> ${(await metric(page, 'metric-r1')).toFixed(3)}; ` +
        `main-thread long tasks while training: ${tasks.length}${tasks.length ? ` (max ${Math.max(...tasks).toFixed(0)} ms)` : ''}; ` +
        `${cpu.length} tasks, ${cpu.filter((ms) => ms > 10).length} over 10 ms of CPU and ` +
        `${cpu.filter((ms) => ms > 15).length} over 15 ms, the longest ${Math.max(...cpu).toFixed(1)} ms`,
    );
    // The page must stay responsive while training. Most main-thread tasks then are frames of the gliding
    // shared-space scatter (every frame for 300 ms after each layout): each rebuilt the legend and rewrote
    // every axis tick's text and gap-arrow attribute, so the browser restyled and laid out the whole plot
    // every frame; each evaluation also redrew every chart's d3 axes and the heatmap's. Now a redraw writes
    // only what changed: tasks over 15 ms of CPU 2-7 per window before, 0-4 after; the longest 16-28 ms.
    // The page's own work is bounded by each task's CPU time, which the load of other processes does not
    // stretch: a wall-clock count of tasks over 50 ms measured that load more than the page (idle: 2, at
    // load 3 in CI: 4, at load 7-10: 7-38, before the change as after). A freeze fails on the wall clock.
    expect(Math.max(...cpu)).toBeLessThan(35);
    expect(tasks.filter((ms) => ms >= 200)).toEqual([]);
    expect(witness.errors).toEqual([]);
    expect(witness.outsideRequests).toEqual([]);
    await page.screenshot({ path: 'test-results/app-trained.png', fullPage: true });
    await page.close();
  });

  it('shows the same metrics as the headless runner for the same config, seed and cpu backend', async () => {
    const hash = 'trainSize=300&evalSize=64&evalEvery=10&seed=7';
    const { page, witness } = await openApp(browser, `${baseUrl}#${hash}&backend=cpu`);
    await expect
      .poll(() => page.getByTestId('backend').getAttribute('data-backend'), { timeout: 60_000 })
      .toBe('cpu');
    await page.getByTestId('play').click();
    await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(30);
    await page.getByTestId('pause').click();
    await expect
      .poll(async () => Number(await page.getByTestId('metric-cards').getAttribute('data-step')))
      .toBeGreaterThanOrEqual(30);
    const shownStep = Number(await page.getByTestId('metric-cards').getAttribute('data-step'));
    const app = {
      gap: await metric(page, 'metric-gap'),
      alignment: await metric(page, 'metric-alignment'),
      r1: await metric(page, 'metric-r1'),
    };
    const { config, errors } = resolveConfig(Object.fromEntries(new URLSearchParams(hash)));
    expect(errors).toEqual([]);
    await useNodeBackend('cpu');
    const result = await runExperiment({ ...config, steps: shownStep }, 'cpu', () => {});
    const entry = result.history.find((h) => h.step === shownStep);
    expect(entry).toBeDefined();
    expect(app.gap).toBeCloseTo(entry!.gap, 9);
    expect(app.alignment).toBeCloseTo(entry!.alignment, 9);
    expect(app.r1).toBeCloseTo(entry!.seen.i2t.r1, 9);
    expect(witness.errors).toEqual([]);
    await page.close();
  });

  it('restores a shared setup from the URL and explains a broken one', async () => {
    const { page } = await openApp(browser, `${baseUrl}#loss=vsepp&margin=0.3&dim=16&seed=5`);
    await expect(page.getByTestId('config-loss').inputValue()).resolves.toBe('vsepp');
    await expect(page.getByTestId('config-margin').inputValue()).resolves.toBe('0.3');
    await expect(page.getByTestId('config-dim').inputValue()).resolves.toBe('16');
    // A change made in the page lands in the URL, and a reload restores it.
    await page.getByTestId('config-seed').fill('9');
    await page.getByTestId('config-seed').press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('seed=9');
    await page.reload();
    await expect(page.getByTestId('config-seed').inputValue()).resolves.toBe('9');
    await expect(page.getByTestId('config-loss').inputValue()).resolves.toBe('vsepp');
    expect(await page.getByTestId('notice').count()).toBe(0);

    await page.goto(`${baseUrl}#lr=<script>alert(1)</script>&dim=99999&nonsense=1`);
    await page.reload();
    const notice = page.getByTestId('notice');
    await notice.waitFor();
    const text = await notice.textContent();
    expect(text).toContain('lr');
    expect(text).toContain('dim');
    expect(text).toContain('nonsense');
    await expect(page.getByTestId('config-dim').inputValue()).resolves.toBe('32');
    expect(await page.locator('script:not([src])').count()).toBe(0);
    await page.close();
  });
});
