/**
 * The app with a researcher's own folder at scale, in headless Chromium on the production build: a zip
 * of n pairs of 64x64 PNGs with metadata.jsonl (bench/scale/pairsZip.ts) picked through the file input,
 * then the figures a user feels:
 * - import → report: from the pick to the import report showing all n images kept;
 * - the progress bar: for each phase, whether it showed a live count (some "k of m" with 0 < k < m);
 * - the longest main-thread task from the pick until the run is ready on the new data;
 * - renderer memory: the largest renderer process's resident set, peak during the import (to the first
 *   scatter), while training (first scatter to Pause) and overall (the reload included);
 * - first scatter: from the report to the first layout of the new data on screen (a quick one counts);
 * - scatter refresh while training: median time between layouts the projection worker delivers;
 * - training: steps in the window (stated), real pairs/s (steps × batch ÷ wall time) beside the shown one;
 * - after a reload: from navigation to the first layout of the stored data.
 */
import type { Browser, Page } from 'playwright-core';
import { figure, summarise, type Figure } from '../lib/figures';
import type { BenchOptions } from '../lib/options';
import { openApp, play, quietContext, stepNow, waitReady, witness } from '../browser/appPage';
import { pairsZip } from '../scale/pairsZip';
import { memorySampler } from '../scale/rendererMemory';
import { currentLoad } from '../lib/machine';

export const SCALE_SIZES = [1_000, 5_000, 20_000] as const;
export const HUGE_SIZE = 100_000;
/** Default batch of the imported preset: real pairs/s is steps × this ÷ seconds. */
const BATCH = 64;
/** The span the app's shown rate is measured over (training/throughput.ts), in seconds. */
const SHOWN_RATE_WINDOW_S = 10;

interface PhaseSeen {
  phase: string;
  samples: number;
  live: boolean;
  seconds: number;
}

export interface ScaleRun {
  pairs: number;
  importSeconds: number;
  phases: PhaseSeen[];
  longestTaskMs: number;
  memoryImportMB: number;
  memoryTrainMB: number;
  memoryPeakMB: number;
  firstScatterSeconds: number;
  refreshSeconds: number;
  steps: number;
  windowSeconds: number;
  realPairsPerSecond: number;
  /** Steps × batch ÷ s over the last SHOWN_RATE_WINDOW_S of the window: the span the shown rate covers. */
  lastPairsPerSecond: number;
  shownPairsPerSecond: number;
  evalPairs: number;
  reloadScatterSeconds: number;
  load: number;
  note: string;
}

/** Records the progress bar's label every 100 ms, with the page time (installed before the pick). */
function watchProgress(): void {
  const w = window as unknown as { __progress: { t: number; label: string }[] };
  w.__progress = [];
  let last = '';
  setInterval(() => {
    const label = document.querySelector('[data-testid="import-progress"] span')?.textContent ?? '';
    if (label && label !== last) w.__progress.push({ t: performance.now(), label });
    last = label;
  }, 100);
}

/** Per phase: how many distinct labels were seen and whether one was a count under way. */
function phasesOf(labels: { t: number; label: string }[], end: number): PhaseSeen[] {
  const phases: PhaseSeen[] = [];
  labels.forEach(({ t, label }, i) => {
    // Counts as the bar words them: '1,234 of 20,000' files, '0.2 MB of 7.6 MB' of an archive.
    const m = /^(.*?)(?::\s*([\d.,]+)(?: MB)? of ([\d.,]+)(?: MB)?)?…?$/.exec(label);
    const phase = m?.[1] ?? label;
    const count = (text: string | undefined) => Number(text?.replace(/,/g, '') ?? NaN);
    const live = count(m?.[2]) > 0 && count(m?.[2]) < count(m?.[3]);
    const next = labels[i + 1]?.t ?? end;
    const cur = phases.at(-1);
    if (cur?.phase === phase) {
      cur.samples++;
      cur.live ||= live;
      cur.seconds += (next - t) / 1000;
    } else phases.push({ phase, samples: 1, live, seconds: (next - t) / 1000 });
  });
  return phases;
}

/** Waits until the shared space shows points laid out after page time `since`; returns that time. */
async function scatterAfter(page: Page, since: number, timeoutMs: number): Promise<number> {
  const handle = await page.waitForFunction(
    (t0) => {
      const w = window as unknown as { __bench: { messages: { worker: string; type: string; t: number }[] } };
      const ready = document.querySelector('[data-testid="data-current"]')?.getAttribute('data-ready');
      const points = Number(document.querySelector('[data-testid="scatter"]')?.getAttribute('data-points'));
      // A quick layout (the PCA start of a UMAP fit, shown while it is refined) counts: it is on screen.
      const laid = w.__bench.messages.some(
        (m) => m.worker === 'projection' && (m.type === 'layout' || m.type === 'preview') && m.t > t0,
      );
      return ready === 'imported' && points > 0 && laid ? performance.now() : false;
    },
    since,
    { timeout: timeoutMs, polling: 100 },
  );
  return (await handle.jsonValue()) as number;
}

const shownRate = (page: Page) =>
  page.evaluate(() =>
    Number(
      /([\d,]+) pairs\/s/
        .exec(document.querySelector('[data-testid="rate"]')?.textContent ?? '')?.[1]
        ?.replace(/,/g, '') ?? NaN,
    ),
  );

async function scaleRun(
  browser: Browser,
  baseUrl: string,
  n: number,
  options: BenchOptions,
): Promise<ScaleRun> {
  const zip = pairsZip(n);
  const load = currentLoad();
  const slow = Math.max(1, n / 1000);
  const context = await quietContext(browser);
  const memory = memorySampler();
  const errors: string[] = [];
  try {
    const page = await openApp(context, baseUrl, 'backend=auto&steps=1000000', errors);
    await waitReady(page, 180_000);
    await page.evaluate(watchProgress);
    memory.reset();
    const t0 = await page.evaluate(() => performance.now());
    await page.getByTestId('import-files').setInputFiles(zip);
    const reportHandle = await page.waitForFunction(
      (kept) =>
        document.querySelector('[data-testid="import-kept"]')?.getAttribute('data-value') === String(kept)
          ? performance.now()
          : false,
      n,
      { timeout: 60_000 * slow, polling: 100 },
    );
    const tReport = (await reportHandle.jsonValue()) as number;
    options.log(`${n} pairs: report after ${((tReport - t0) / 1000).toFixed(1)} s`);
    const tScatter = await scatterAfter(page, tReport, 60_000 * slow);
    const memoryImportMB = memory.peak();
    // Training's peak: from the first scatter (the worker holds the dataset and the model) to Pause.
    memory.reset();
    const w0 = await witness(page);
    const tasks = w0.longTasks.filter((t) => t.start >= t0 && t.start <= tScatter).map((t) => t.duration);
    const labels = await page.evaluate(
      () => (window as unknown as { __progress: { t: number; label: string }[] }).__progress,
    );
    const evalPairs = Number(await page.getByTestId('data-current').getAttribute('data-eval'));
    await page.waitForFunction(
      () => !document.querySelector<HTMLButtonElement>('[data-testid="play"]')?.disabled,
      null,
      {
        timeout: 60_000 * slow,
      },
    );

    // Training: a window of wall time after Play (the first chunk's warm-up included, as a user sees it).
    const windowSeconds = options.quick ? 20 : 60;
    const tPlay = await play(page);
    const s0 = await stepNow(page);
    // The rate shown is measured over the last 10 s of wall time (ThroughputMeter): the step counter is
    // read 10 s before the end too, so the two are compared over the same span.
    await page.waitForTimeout((windowSeconds - SHOWN_RATE_WINDOW_S) * 1000);
    const sLast = await stepNow(page);
    await page.waitForTimeout(SHOWN_RATE_WINDOW_S * 1000);
    const s1 = await stepNow(page);
    const shown = await shownRate(page);
    await page.getByTestId('pause').click();
    const memoryTrainMB = memory.peak();
    const w1 = await witness(page);
    const layouts = w1.messages
      .filter((m) => m.worker === 'projection' && m.type === 'layout' && m.t >= tPlay && m.t <= s1.t)
      .map((m) => m.t);
    const gaps = layouts.slice(1).map((t, i) => (t - layouts[i]) / 1000);
    const seconds = (s1.t - s0.t) / 1000;
    const steps = s1.step - s0.step;
    // Let the pause settle and the run in progress be kept, as a user would before reloading.
    await page.waitForTimeout(3000);

    await page.reload({ waitUntil: 'load' });
    const tReload = await scatterAfter(page, 0, 120_000 * slow);
    const memoryPeakMB = Math.max(memoryImportMB, memoryTrainMB, memory.peak());
    return {
      pairs: n,
      importSeconds: (tReport - t0) / 1000,
      phases: phasesOf(labels, tReport),
      longestTaskMs: tasks.length ? Math.max(...tasks) : 0,
      memoryImportMB,
      memoryTrainMB,
      memoryPeakMB,
      firstScatterSeconds: (tScatter - tReport) / 1000,
      refreshSeconds: summarise(gaps).median,
      steps,
      windowSeconds: seconds,
      realPairsPerSecond: (steps * BATCH) / seconds,
      lastPairsPerSecond: ((s1.step - sLast.step) * BATCH) / ((s1.t - sLast.t) / 1000),
      shownPairsPerSecond: shown,
      evalPairs,
      reloadScatterSeconds: tReload / 1000,
      load,
      note: errors.length ? `page errors: ${errors.slice(0, 2).join(' / ').slice(0, 200)}` : '',
    };
  } finally {
    memory.stop();
    await context.close();
  }
}

const fmt = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : '–');

/** The section: one run per size (three at full length would take most of an hour at 20,000 pairs). */
export async function scale(
  browser: Browser,
  baseUrl: string,
  options: BenchOptions,
  sizes: readonly number[],
): Promise<{ figures: Figure[]; notes: string[] }> {
  const figures: Figure[] = [];
  const notes: string[] = [];
  for (const n of sizes) {
    options.log(`scale: ${n.toLocaleString('en-US')} pairs`);
    let run: ScaleRun;
    try {
      run = await scaleRun(browser, baseUrl, n, options);
    } catch (e) {
      const why = `failed: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]?.slice(0, 160)}`;
      figures.push({ name: `${n.toLocaleString('en-US')} pairs`, unit: '', values: [], note: why });
      continue;
    }
    // The issue's goals are set at 20,000 pairs; at 100,000 the goal is to import, lay out and train
    // without crashing the tab, with the memory stated (the 20,000-pair bounds are not asked there).
    const big = n === 20_000;
    const huge = n > 20_000;
    const k = `${n.toLocaleString('en-US')} pairs`;
    const load = `load ${run.load.toFixed(1)}`;
    const phaseNote = run.phases
      .map((p) => `${p.phase} ${fmt(p.seconds)} s ${p.live ? 'live count' : 'NO live count'}`)
      .join('; ');
    const allLive = run.phases.filter((p) => p.seconds >= 1).every((p) => p.live);
    figures.push(
      figure(
        {
          name: `${k} · import → report`,
          unit: 's',
          values: [run.importSeconds],
          better: 'lower',
          note: `${load}; ${phaseNote}`,
        },
        big
          ? { text: '< 15 s, live count in every phase', test: (m) => m < 15 && allLive }
          : huge
            ? { text: 'imports, the tab alive', test: (m) => Number.isFinite(m) }
            : undefined,
      ),
      figure(
        {
          name: `${k} · longest main-thread task, pick → scatter`,
          unit: 'ms',
          values: [run.longestTaskMs],
          better: 'lower',
          // The Long Tasks API reports only tasks of 50 ms or more.
          note: run.longestTaskMs === 0 ? `${load}; no task of 50 ms or more` : load,
        },
        big ? { text: '≤ 100 ms', test: (m) => m <= 100 } : undefined,
      ),
      figure(
        {
          name: `${k} · renderer memory, peak (largest process)`,
          unit: 'MB',
          values: [run.memoryPeakMB],
          better: 'lower',
          note:
            `peak during import ${fmt(run.memoryImportMB, 0)} MB, while training ` +
            `${fmt(run.memoryTrainMB, 0)} MB; resident set from /proc`,
        },
        big ? { text: '< 1,000 MB', test: (m) => m < 1000 } : undefined,
      ),
      figure(
        {
          name: `${k} · first scatter of the new data, after the report`,
          unit: 's',
          values: [run.firstScatterSeconds],
          better: 'lower',
          note: `${run.evalPairs} evaluation pairs; ${load}`,
        },
        big
          ? { text: '< 5 s', test: (m) => m < 5 }
          : huge
            ? { text: 'lays out', test: (m) => Number.isFinite(m) }
            : undefined,
      ),
      figure(
        {
          name: `${k} · scatter refresh while training`,
          unit: 's',
          values: [run.refreshSeconds],
          better: 'lower',
          note: 'median time between layouts shown',
        },
        big ? { text: '< 1 s', test: (m) => m < 1 } : undefined,
      ),
      figure(
        {
          name: `${k} · training steps per 60 s`,
          unit: 'steps',
          values: [(run.steps * 60) / run.windowSeconds],
          better: 'higher',
          note:
            `${run.steps} steps in ${fmt(run.windowSeconds)} s; real ${fmt(run.realPairsPerSecond, 0)} pairs/s ` +
            `(steps × ${BATCH} ÷ s); over the last ${SHOWN_RATE_WINDOW_S} s real ${fmt(run.lastPairsPerSecond, 0)}, ` +
            `shown ${fmt(run.shownPairsPerSecond, 0)} pairs/s`,
        },
        huge ? { text: 'trains', test: (m) => m > 0 } : undefined,
      ),
      figure({
        name: `${k} · after reload: first scatter`,
        unit: 's',
        values: [run.reloadScatterSeconds],
        better: 'lower',
        note: `from navigation${run.note ? `; ${run.note}` : ''}`,
      }),
    );
  }
  const steps = (n: number) =>
    figures.find((f) => f.name === `${n.toLocaleString('en-US')} pairs · training steps per 60 s`);
  const small = steps(1_000)?.values[0];
  for (const n of sizes.filter((s) => s >= 20_000)) {
    const big = steps(n)?.values[0];
    if (small === undefined || big === undefined) continue;
    figures.push(
      figure(
        {
          name: `${n.toLocaleString('en-US')} pairs · training steps ÷ steps at 1,000 pairs`,
          unit: '×',
          values: [big / small],
          better: 'higher',
        },
        { text: '≥ 0.9', test: (m) => m >= 0.9 },
      ),
    );
  }
  notes.push(
    'One run per size, on a zip made by bench/scale/pairsZip.ts (64x64 PNGs, metadata.jsonl last), picked ' +
      'through the file input; the backend is the app’s own choice. Each figure’s note gives the 1-minute ' +
      'load average when its size started: on a shared 2-core machine, times scale roughly with it.',
    'Goals at 20,000 pairs: import under 15 s with a live count in every phase lasting a second or more; no ' +
      'main-thread task over 100 ms; renderer memory under 1 GB; first scatter under 5 s; refresh under 1 s; ' +
      'training steps as at 1,000 pairs. At 100,000 pairs: imports, lays out and trains without crashing the ' +
      'tab, its memory stated.',
  );
  return { figures, notes };
}
