/**
 * What a user of the app feels, in headless Chromium on the production build:
 * - time to insight: seconds from Play on the default lesson until semantic R@1 (seen pairs, image to
 *   caption) reaches 0.5 and the alignment has halved; then training goes on to a full minute, over which
 *   main-thread long tasks (> 50 ms) are counted;
 * - the shared-space view at 2,000 points (1,000 evaluation pairs) while training: layouts per second
 *   it shows, the projection worker's time per refresh, and main-thread long tasks meanwhile.
 */
import type { Browser, Page } from 'playwright-core';
import { figure, summarise, type Figure } from '../lib/figures';
import type { BenchOptions } from '../lib/options';
import { openApp, play, quietContext, readMetric, waitReady, witness } from '../browser/appPage';

interface InsightRun {
  seconds: number;
  backend: string;
  longTasks: number;
  longestTask: number;
  trainedSeconds: number;
}

/** Long tasks (> 50 ms) on the main thread since page time `since`. */
async function longTasksSince(page: Page, since: number): Promise<number[]> {
  return (await witness(page)).longTasks
    .filter((t) => t.start >= since && t.duration > 50)
    .map((t) => t.duration);
}

async function insightRun(browser: Browser, baseUrl: string, minuteSeconds: number, limitSeconds: number) {
  const context = await quietContext(browser);
  try {
    const page = await openApp(context, baseUrl, '');
    const backend = await waitReady(page, 180_000);
    const alignment0 = await readMetric(page, 'metric-alignment');
    const t0 = await play(page);
    const handle = await page.waitForFunction(
      (a0) => {
        const value = (id: string) =>
          Number(document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-value') ?? NaN);
        return value('metric-r1') >= 0.5 && value('metric-alignment') <= a0 / 2 ? performance.now() : false;
      },
      alignment0,
      { timeout: limitSeconds * 1000, polling: 100 },
    );
    const reached = (await handle.jsonValue()) as number;
    const rest = minuteSeconds * 1000 - (reached - t0);
    if (rest > 0) await page.waitForTimeout(rest);
    const tasks = await longTasksSince(page, t0);
    const now = await page.evaluate(() => performance.now());
    const run: InsightRun = {
      seconds: (reached - t0) / 1000,
      backend,
      longTasks: tasks.length,
      longestTask: tasks.length ? Math.max(...tasks) : 0,
      trainedSeconds: (now - t0) / 1000,
    };
    return run;
  } finally {
    await context.close();
  }
}

async function refreshRun(browser: Browser, baseUrl: string, seconds: number) {
  const context = await quietContext(browser);
  try {
    const page = await openApp(context, baseUrl, 'evalSize=1000');
    await waitReady(page, 180_000);
    await page.waitForFunction(
      () => document.querySelector('[data-testid="scatter"]')?.getAttribute('data-points') === '2000',
      null,
      {
        timeout: 120_000,
      },
    );
    const t0 = await play(page);
    await page.waitForTimeout(seconds * 1000);
    const w = await witness(page);
    const t1 = await page.evaluate(() => performance.now());
    const layouts = w.messages.filter((m) => m.worker === 'projection' && m.type === 'layout' && m.t >= t0);
    const snapshots = w.messages.filter((m) => m.worker === 'training' && m.type === 'snapshot' && m.t >= t0);
    const tasks = w.longTasks.filter((t) => t.start >= t0 && t.duration > 50).map((t) => t.duration);
    return {
      refreshesPerSecond: layouts.length / ((t1 - t0) / 1000),
      snapshotsPerSecond: snapshots.length / ((t1 - t0) / 1000),
      workerMs: summarise(layouts.map((m) => m.ms ?? NaN).filter(Number.isFinite)).median,
      longTasks: tasks.length,
      longestTask: tasks.length ? Math.max(...tasks) : 0,
    };
  } finally {
    await context.close();
  }
}

export async function browserApp(
  browser: Browser,
  baseUrl: string,
  options: BenchOptions,
): Promise<{ figures: Figure[]; notes: string[] }> {
  const minute = options.quick ? 20 : 60;
  const insight: InsightRun[] = [];
  let insightError = '';
  for (let r = 0; r < options.runs; r++) {
    options.log(`time to insight, run ${r + 1}`);
    try {
      insight.push(await insightRun(browser, baseUrl, minute, 120));
    } catch (e) {
      insightError = `failed: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]?.slice(0, 160)}`;
    }
  }
  const refresh: Awaited<ReturnType<typeof refreshRun>>[] = [];
  let refreshError = '';
  for (let r = 0; r < options.runs; r++) {
    options.log(`shared space at 2,000 points, run ${r + 1}`);
    try {
      refresh.push(await refreshRun(browser, baseUrl, options.quick ? 15 : 30));
    } catch (e) {
      refreshError = `failed: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]?.slice(0, 160)}`;
    }
  }
  const backends = [...new Set(insight.map((r) => r.backend))].join(', ');
  const figures: Figure[] = [
    figure(
      {
        name: 'time to insight (default lesson)',
        unit: 's',
        values: insight.map((r) => r.seconds),
        better: 'lower',
        note: insightError || `backend chosen: ${backends}`,
      },
      { text: '< 15 s', test: (m) => m < 15 },
    ),
    figure(
      {
        name: `main-thread long tasks (> 50 ms) in ${minute} s of training`,
        unit: 'tasks',
        values: insight.map((r) => r.longTasks),
        better: 'lower',
        note: `longest: ${Math.round(Math.max(0, ...insight.map((r) => r.longestTask)))} ms`,
      },
      { text: '0', test: (m) => m === 0 },
    ),
    figure({
      name: 'shared-space refreshes while training · 2,000 points',
      unit: 'per s',
      values: refresh.map((r) => r.refreshesPerSecond),
      better: 'higher',
      note:
        refreshError ||
        `snapshots posted: ${summarise(refresh.map((r) => r.snapshotsPerSecond)).median.toFixed(2)} per s`,
    }),
    figure(
      {
        name: 'projection worker time per refresh in the app · 2,000 points',
        unit: 'ms',
        values: refresh.map((r) => r.workerMs),
        better: 'lower',
      },
      { text: '< 250 ms', test: (m) => m < 250 },
    ),
    figure(
      {
        name: 'main-thread long tasks while refreshing · 2,000 points',
        unit: 'tasks',
        values: refresh.map((r) => r.longTasks),
        better: 'lower',
        note: `longest: ${Math.round(Math.max(0, ...refresh.map((r) => r.longestTask)))} ms`,
      },
      { text: '0', test: (m) => m === 0 },
    ),
  ];
  return {
    figures,
    notes: [
      'Time to insight starts at the press of Play (the backend probe and first evaluation happen before the ' +
        'button is enabled; see cold start) and is read from the metric cards every 100 ms.',
      `Long tasks are counted by a PerformanceObserver from Play to ${minute} s after it.`,
    ],
  };
}
