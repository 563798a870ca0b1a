/**
 * The soak: the app trains for `minutes` (30 by default) in headless Chromium while the bench scrubs the
 * timeline back and forth and returns to Live (the shared space refreshes after every evaluation). Every
 * SAMPLE_S seconds it samples the page's JS heap after a garbage collection (CDP), the training worker's
 * live tensors (tf.memory().numTensors through the worker's debug global) and the renderer's resident
 * memory (/proc). After the first minute (warm-up: shaders, kernels, caches) each must stay flat:
 * - tensors: at most TENSOR_SLACK more than at the first minute (a leak grows by tens per step);
 * - JS heap: the last samples' mean at most HEAP_TOLERANCE above the first minute's;
 * - renderer: likewise within RENDERER_TOLERANCE (the OS figure is noisier: allocator pools, GPU buffers).
 * The timeline keeps up to MAX_SNAPSHOTS evaluations with their embeddings (bounded by design): until it
 * is full, memory grows by that, so heap and renderer are judged from the first sample with the timeline
 * full; a run too short to fill it reports the growth without a verdict.
 */
import type { Page, Worker } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium';
import { findChromium } from '../browser/chromium';
import { serveBuiltApp } from '../browser/servers';
import { openApp, quietContext, stepNow, waitReady } from '../browser/appPage';
import { largestRendererMB } from '../scale/rendererMemory';
import type { Figure } from '../lib/figures';
import type { BenchOptions } from '../lib/options';
import { MAX_SNAPSHOTS } from '../../src/state/runState';

export const SAMPLE_S = 30;
export const TENSOR_SLACK = 10;
export const HEAP_TOLERANCE = 0.1;
export const RENDERER_TOLERANCE = 0.15;
/** The default lesson's settings, on WebAssembly (the fastest here), for as long as the soak lasts. */
const HASH = 'steps=1000000&backend=wasm&seed=1';

interface Sample {
  seconds: number;
  /** Evaluations on the timeline. */
  evaluations: number;
  step: number;
  heapMB: number;
  tensors: number;
  rendererMB: number;
}

async function trainingWorker(page: Page): Promise<Worker> {
  for (const w of page.workers())
    if (await w.evaluate(() => 'playgroundDebug' in self).catch(() => false)) return w;
  throw new Error('the training worker exposes no playgroundDebug');
}

/** Moves the timeline to `fraction` of its length (0: the first evaluation), as a drag would. */
async function scrub(page: Page, fraction: number | null): Promise<void> {
  await page.evaluate((f) => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="timeline"]');
    if (!input || input.disabled) return;
    // React tracks the value through the prototype's setter: set it there, then say so with 'input'.
    const value = f === null ? Number(input.max) : Math.round(f * Number(input.max));
    Reflect.set(HTMLInputElement.prototype, 'value', String(value), input);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, fraction);
}

/** Runs the soak once; the samples, oldest first. */
async function soakRun(page: Page, minutes: number, log: (line: string) => void): Promise<Sample[]> {
  const cdp = await page.context().newCDPSession(page);
  const worker = await trainingWorker(page);
  const samples: Sample[] = [];
  const t0 = Date.now();
  const sample = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const memory = await worker.evaluate(() =>
      (self as unknown as { playgroundDebug: { memory(): { numTensors: number } } }).playgroundDebug.memory(),
    );
    const s: Sample = {
      seconds: (Date.now() - t0) / 1000,
      step: (await stepNow(page)).step,
      evaluations: await page.evaluate(
        () => Number(document.querySelector<HTMLInputElement>('[data-testid="timeline"]')?.max ?? -1) + 1,
      ),
      heapMB: heap.usedSize / 1e6,
      tensors: memory.numTensors,
      rendererMB: largestRendererMB(),
    };
    samples.push(s);
    log(
      `soak ${s.seconds.toFixed(0)} s: step ${s.step}, heap ${s.heapMB.toFixed(1)} MB, ` +
        `${s.tensors} tensors, renderer ${s.rendererMB.toFixed(0)} MB`,
    );
  };
  await page.getByTestId('play').click();
  await sample();
  let nextSample = t0 + SAMPLE_S * 1000;
  let i = 0;
  while (Date.now() - t0 < minutes * 60_000) {
    // Scrub back through the run, then go Live again: every view redraws an old and a new evaluation.
    await scrub(page, i % 4 === 3 ? null : [0, 0.5, 0.9][i % 3]);
    i++;
    await page.waitForTimeout(2_000);
    if (Date.now() >= nextSample) {
      await scrub(page, null);
      await sample();
      nextSample += SAMPLE_S * 1000;
    }
  }
  await scrub(page, null);
  await sample();
  return samples;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

export async function soak(
  options: BenchOptions,
  minutes: number,
): Promise<{ figures: Figure[]; notes: string[] }> {
  const browser = await launchChromium(findChromium(options.log));
  const app = await serveBuiltApp();
  try {
    const context = await quietContext(browser);
    const errors: string[] = [];
    const page = await openApp(context, app.url, HASH, errors);
    const backend = await waitReady(page, 180_000);
    const samples = await soakRun(page, minutes, options.log);
    await context.close();
    // The first sample at or past one minute is the baseline; "the end" is the mean of the last three.
    const base = samples.find((s) => s.seconds >= 60) ?? samples[0];
    const after = samples.filter((s) => s.seconds >= base.seconds);
    // Heap and renderer: from the first sample with the timeline full, when the run got that far.
    // Full: at its cap, or thinned already (it halves its older evaluations past the cap).
    const full = samples.find(
      (s, i) =>
        s.seconds >= 60 &&
        samples
          .slice(0, i + 1)
          .some(
            (t, j) => t.evaluations >= MAX_SNAPSHOTS || t.evaluations < (samples[j - 1]?.evaluations ?? 0),
          ),
    );
    const memoryBase = full ?? base;
    const end = after.slice(-3);
    const heapEnd = mean(end.map((s) => s.heapMB));
    const rendererEnd = mean(end.map((s) => s.rendererMB));
    const tensorRise = Math.max(...after.map((s) => s.tensors)) - base.tensors;
    const last = samples.at(-1)!;
    const heapGrowth = heapEnd / memoryBase.heapMB - 1;
    const rendererGrowth = rendererEnd / memoryBase.rendererMB - 1;
    const since = full ? 'after the timeline filled' : 'after the first minute, timeline still filling';
    /** A goal and verdict only once the timeline is full: before, growth is the timeline filling. */
    const verdict = (goal: string, ok: boolean) => (full ? { goal, meets: ok } : {});
    const figures: Figure[] = [
      {
        name: 'tensors alive in the worker · rise after the first minute',
        unit: 'tensors',
        values: [tensorRise],
        better: 'lower',
        goal: `≤ ${TENSOR_SLACK}`,
        meets: tensorRise <= TENSOR_SLACK,
        note: `${base.tensors} at ${base.seconds.toFixed(0)} s, ${last.tensors} at the end`,
      },
      {
        name: `page JS heap after GC · growth ${since}`,
        unit: '%',
        values: [heapGrowth * 100],
        better: 'lower',
        ...verdict(`≤ ${HEAP_TOLERANCE * 100} %`, heapGrowth <= HEAP_TOLERANCE),
        note: `${memoryBase.heapMB.toFixed(1)} MB at ${memoryBase.seconds.toFixed(0)} s, ${heapEnd.toFixed(1)} MB at the end`,
      },
      {
        name: `renderer resident memory · growth ${since}`,
        unit: '%',
        values: Number.isFinite(rendererGrowth) ? [rendererGrowth * 100] : [],
        better: 'lower',
        ...verdict(`≤ ${RENDERER_TOLERANCE * 100} %`, rendererGrowth <= RENDERER_TOLERANCE),
        note: `${memoryBase.rendererMB.toFixed(0)} MB at ${memoryBase.seconds.toFixed(0)} s, ${rendererEnd.toFixed(0)} MB at the end (largest renderer, /proc)`,
      },
      { name: 'steps trained', unit: 'steps', values: [last.step], better: 'higher' },
    ];
    const notes = [
      `${minutes} min of training on ${backend} (the default lesson, ${HASH}), the timeline scrubbed to an ` +
        `early, middle and late evaluation and back to Live every 2 s, sampled every ${SAMPLE_S} s ` +
        `(${samples.length} samples).`,
      `Samples (s: heap MB / tensors / renderer MB / evaluations on the timeline): ${samples
        .map(
          (s) =>
            `${s.seconds.toFixed(0)}: ${s.heapMB.toFixed(1)}/${s.tensors}/${s.rendererMB.toFixed(0)}/${s.evaluations}`,
        )
        .join(', ')}.`,
      ...(full
        ? []
        : [
            `The timeline keeps up to ${MAX_SNAPSHOTS} evaluations with their embeddings and held ` +
              `${last.evaluations} at the end: memory growth includes it filling, so heap and renderer get no verdict.`,
          ]),
      ...(minutes < 30 ? [`A short soak of ${minutes} min (the full one is 30 min: \`--minutes 30\`).`] : []),
      ...(errors.length ? [`Page errors: ${errors.slice(0, 3).join(' | ')}`] : []),
    ];
    return { figures, notes };
  } finally {
    await browser.close();
    await app.close();
  }
}
