/**
 * Faults in the middle of a run, in the real browser: the training worker crashing (an uncaught error
 * inside it), the WebGPU device lost (destroyed through a hook of builds made with VITE_FAULT_HOOKS=1,
 * as the tests' build is), and two tabs open on the same page. Nothing trained before the last kept
 * state is lost, and the app says what happened.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page, Worker } from 'playwright-core';
import { launch, openApp, stepCount } from './browser';

let browser: Browser;
const baseUrl = inject('baseUrl');
// Every step evaluated, so the kept history has every step; small, so a step is quick.
const SMALL = 'trainSize=200&evalSize=32&evalEvery=1&seed=7';

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Kept {
  step: number;
  history: number[];
}

/** This tab's kept run (its own slot, named in its sessionStorage), or null. */
function kept(page: Page): Promise<Kept | null> {
  return page.evaluate(
    () =>
      new Promise<Kept | null>((resolve) => {
        const tab = sessionStorage.getItem('multimodal-playground.tab');
        const open = indexedDB.open('multimodal-playground');
        open.onerror = () => resolve(null);
        open.onsuccess = () => {
          const db = open.result;
          if (!tab || !db.objectStoreNames.contains('runInProgress')) {
            db.close();
            resolve(null);
            return;
          }
          const get = db.transaction('runInProgress').objectStore('runInProgress').get(`tab:${tab}`);
          get.onsuccess = () => {
            db.close();
            const r = get.result as { step: number; history: { step: number }[] } | undefined;
            resolve(r ? { step: r.step, history: r.history.map((p) => p.step) } : null);
          };
          get.onerror = () => resolve(null);
        };
      }),
  );
}

/** The page's training worker: the one with the debug hooks. */
async function trainingWorker(page: Page): Promise<Worker> {
  for (const w of page.workers()) {
    if (await w.evaluate(() => 'playgroundDebug' in self).catch(() => false)) return w;
  }
  throw new Error('no training worker');
}

const backendOf = (page: Page) => page.getByTestId('backend').getAttribute('data-backend');

/** Trains to at least `steps`, pauses, and waits until the run is kept at the step shown. */
async function trainAndKeep(page: Page, steps: number): Promise<number> {
  await page.getByTestId('play').click();
  await expect.poll(() => stepCount(page), { timeout: 150_000 }).toBeGreaterThanOrEqual(steps);
  await page.getByTestId('pause').click();
  await expect
    .poll(async () => (await kept(page))?.step === (await stepCount(page)), { timeout: 60_000 })
    .toBe(true);
  return stepCount(page);
}

describe('a training worker that crashes mid-run', () => {
  it('is replaced: training goes on from the last kept state, the history kept, and the notice says so', async () => {
    const { page, witness } = await openApp(browser, `${baseUrl}#${SMALL}&backend=cpu`);
    try {
      await expect.poll(() => backendOf(page), { timeout: 90_000 }).toBe('cpu');
      const keptAt = await trainAndKeep(page, 20);
      await page.getByTestId('play').click();
      await expect.poll(() => stepCount(page), { timeout: 120_000 }).toBeGreaterThanOrEqual(keptAt + 5);
      const first = await trainingWorker(page);
      // An uncaught error inside the worker, as a bug or a failed allocation would throw.
      await first.evaluate(() =>
        setTimeout(() => {
          throw new Error('injected crash');
        }),
      );
      const notice = page.getByTestId('notice');
      await expect
        .poll(() => notice.textContent(), { timeout: 60_000 })
        .toContain('The training worker crashed');
      // It goes on from the newest kept state: the one kept at Pause, or one kept every 15 s since.
      const said =
        /injected crash\. Training goes on in a new worker from step (\d+), the last kept state .*: (steps (\d+)–\d+ are retrained|no training was lost)\./.exec(
          (await notice.textContent()) ?? '',
        );
      expect(said).not.toBeNull();
      const from = Number(said?.[1]);
      expect(from).toBeGreaterThanOrEqual(keptAt);
      if (said?.[3]) expect(Number(said[3])).toBe(from + 1);
      // A new worker trains on past the crash without Play being pressed again.
      await expect.poll(() => stepCount(page), { timeout: 120_000 }).toBeGreaterThan(from + 10);
      expect(await trainingWorker(page)).not.toBe(first);
      await page.getByTestId('pause').click();
      // The kept history runs from step 0 through the crash, with no step twice.
      await expect
        .poll(async () => (await kept(page))?.step ?? 0, { timeout: 60_000 })
        .toBeGreaterThan(from + 10);
      const after = await kept(page);
      expect(after?.history.slice(0, from + 2)).toEqual(Array.from({ length: from + 2 }, (_, i) => i));
      expect(new Set(after?.history).size).toBe(after?.history.length);
      expect(await page.getByTestId('metric-gap-change').textContent()).toMatch(/since step 0$/);
      expect(witness.errors.filter((e) => !e.includes('injected crash'))).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('a WebGPU device lost mid-run', () => {
  it(
    'falls back to WebAssembly from the last kept state, the history kept, and says so',
    { timeout: 480_000 },
    async () => {
      // Software WebGPU (SwiftShader) is slow here: a small model, evaluated every other step.
      const { page, witness } = await openApp(
        browser,
        `${baseUrl}#trainSize=64&evalSize=16&batchSize=16&evalEvery=2&seed=7&imageEncoder=mlp&backend=webgpu`,
      );
      try {
        await expect.poll(() => backendOf(page), { timeout: 120_000 }).toBe('webgpu');
        const keptAt = await trainAndKeep(page, 2);
        await page.getByTestId('play').click();
        await expect.poll(() => stepCount(page), { timeout: 120_000 }).toBeGreaterThan(keptAt);
        await (
          await trainingWorker(page)
        ).evaluate(() =>
          (self as unknown as { playgroundDebug: { loseDevice(): void } }).playgroundDebug.loseDevice(),
        );
        const notice = page.getByTestId('notice');
        await expect
          .poll(() => notice.textContent(), { timeout: 60_000 })
          .toContain('The WebGPU device was lost');
        const from = Number(
          /on WebAssembly from step (\d+), the last kept state/.exec((await notice.textContent()) ?? '')?.[1],
        );
        expect(from).toBeGreaterThanOrEqual(keptAt);
        await expect.poll(() => backendOf(page), { timeout: 120_000 }).toBe('wasm');
        await expect.poll(() => stepCount(page), { timeout: 120_000 }).toBeGreaterThan(from + 10);
        await page.getByTestId('pause').click();
        await expect
          .poll(async () => (await kept(page))?.step ?? 0, { timeout: 60_000 })
          .toBeGreaterThan(from + 10);
        // Evaluated every other step (0, 2, 4, …) up to the kept step, which the new worker evaluated again.
        expect((await kept(page))?.history.filter((step) => step <= from)).toEqual([
          ...Array.from({ length: Math.ceil(from / 2) }, (_, i) => 2 * i),
          from,
        ]);
        expect(witness.errors.filter((e) => !/WebGPU|GPU|device/i.test(e))).toEqual([]);
      } finally {
        await page.close();
      }
    },
  );
});

describe('two tabs open on the same page', () => {
  it(
    'each keeps its own run: a reload of either shows its own, a new tab the newest',
    { timeout: 480_000 },
    async () => {
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      try {
        const url = `${baseUrl}#${SMALL}&backend=cpu`;
        const a = await context.newPage();
        await a.goto(url, { waitUntil: 'load' });
        await expect.poll(() => backendOf(a), { timeout: 90_000 }).toBe('cpu');
        const stepA = await trainAndKeep(a, 5);

        // The second tab goes on with the newest kept run (the first tab's), then trains further.
        const b = await context.newPage();
        await b.goto(url, { waitUntil: 'load' });
        await expect.poll(() => stepCount(b), { timeout: 90_000 }).toBe(stepA);
        const stepB = await trainAndKeep(b, stepA + 5);
        expect(stepB).toBeGreaterThan(stepA);

        // Before, the tabs shared one slot and the first tab's reload showed the second tab's run.
        await a.reload({ waitUntil: 'load' });
        await expect
          .poll(() => a.getByTestId('notice').textContent(), { timeout: 90_000 })
          .toContain(`Restored the run in progress at step ${stepA}`);
        expect(await stepCount(a)).toBe(stepA);
        await b.reload({ waitUntil: 'load' });
        await expect
          .poll(() => b.getByTestId('notice').textContent(), { timeout: 90_000 })
          .toContain(`Restored the run in progress at step ${stepB}`);
        // A third tab opens the newest.
        const c = await context.newPage();
        await c.goto(url, { waitUntil: 'load' });
        await expect.poll(() => stepCount(c), { timeout: 90_000 }).toBe(stepB);
      } finally {
        await context.close();
      }
    },
  );
});
