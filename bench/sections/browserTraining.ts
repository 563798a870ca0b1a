/**
 * Training pairs per second in headless Chromium, in the app's training worker as the app runs it:
 * the built app opened at `#framework=F&backend=B`, Play pressed, the step counter read over a window
 * after a warm-up. Evaluation is pushed out of the window (evalEvery beyond it), so the figure is
 * training alone, comparable with Node's; the run's steps too, so it cannot end inside the window.
 */
import type { Browser } from 'playwright-core';
import { figure, type Figure } from '../lib/figures';
import type { BenchOptions } from '../lib/options';
import { openApp, play, quietContext, stepNow, waitReady } from '../browser/appPage';

export const BROWSER_BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
const BATCH = 64;

interface Window {
  warmSeconds: number;
  seconds: number;
  minSteps: number;
  maxSeconds: number;
}

/** One run: a fresh page (fresh worker), warm-up, then steps counted over the window. */
async function trainingRun(
  browser: Browser,
  baseUrl: string,
  backend: string,
  framework: string,
  w: Window,
): Promise<{ pairsPerSecond: number; backend: string }> {
  const context = await quietContext(browser);
  try {
    const errors: string[] = [];
    const page = await openApp(
      context,
      baseUrl,
      // Steps beyond the window, so a fast backend cannot reach the run's end (600 by default) inside it.
      `framework=${framework}&backend=${backend}&evalEvery=100000&steps=1000000`,
      errors,
    );
    const actual = await waitReady(page, 180_000);
    if (actual !== backend)
      throw new Error(`the app chose ${actual} instead (${errors[0] ?? 'unsupported'})`);
    await play(page);
    const start = await stepNow(page);
    // Warm-up: shaders compiled, kernels and buffers created, the chunk size settled.
    while (true) {
      const now = await stepNow(page);
      if (now.t - start.t > w.maxSeconds * 1000) throw new Error('no steps within the time limit');
      if (now.step >= 2 && now.t - start.t >= w.warmSeconds * 1000) break;
      await page.waitForTimeout(100);
    }
    const a = await stepNow(page);
    let b = a;
    while (b.t - a.t < w.seconds * 1000 || b.step - a.step < w.minSteps) {
      if (b.t - a.t > w.maxSeconds * 1000) break;
      await page.waitForTimeout(100);
      b = await stepNow(page);
    }
    if (errors.length) throw new Error(errors[0]);
    if (b.step === a.step) throw new Error('no step completed in the window');
    return { pairsPerSecond: ((b.step - a.step) * BATCH) / ((b.t - a.t) / 1000), backend: actual };
  } finally {
    await context.close();
  }
}

export async function browserTraining(
  browser: Browser,
  baseUrl: string,
  options: BenchOptions,
  /** A subset of BROWSER_BACKENDS (e.g. only webgpu, on a machine with a GPU). */
  backends: readonly string[] = BROWSER_BACKENDS,
): Promise<{ figures: Figure[]; notes: string[] }> {
  const figures: Figure[] = [];
  for (const backend of backends)
    for (const framework of options.frameworks) {
      options.log(`browser ${backend}: ${framework}`);
      const slow = backend === 'webgpu' || backend === 'cpu';
      const w: Window = {
        warmSeconds: options.quick ? 2 : 3,
        seconds: options.quick ? 3 : 6,
        minSteps: slow ? 2 : 10,
        maxSeconds: slow ? 90 : 60,
      };
      const values: number[] = [];
      let note: string | undefined;
      for (let r = 0; r < options.runs; r++) {
        try {
          values.push((await trainingRun(browser, baseUrl, backend, framework, w)).pairsPerSecond);
        } catch (e) {
          note = `failed: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]?.slice(0, 160)}`;
          break; // the same failure would repeat
        }
      }
      figures.push(
        figure({
          name: `${framework} · ${backend}`,
          unit: 'pairs/s',
          values,
          better: 'higher',
          ...(note ? { note } : {}),
        }),
      );
    }
  return {
    figures,
    notes: [
      "The production build in headless Chromium, the app's own training worker and backend set-up, each " +
        'framework at its defaults (batch 64). A fresh page per run; steps counted over a window after a warm-up, ' +
        'with evaluation moved out of the window.',
      'Without a GPU, WebGL runs on SwiftShader (ANGLE) and WebGPU on a software fallback adapter: both are CPU ' +
        'emulations here. On a machine with a GPU the same bench measures the real thing.',
    ],
  };
}
