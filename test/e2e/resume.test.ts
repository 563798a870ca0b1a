/**
 * A reload keeps the run in progress: train, pause, reload, and the page shows the same step and the same
 * numbers (the change since step 0 too), says what it restored, and Play goes on from there.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, metric, openApp, stepCount } from './browser';

let browser: Browser;
const baseUrl = inject('baseUrl');
// Every step evaluated, so the cards show the step the run paused at; cpu, so the numbers are exact.
const hash = 'trainSize=200&evalSize=32&evalEvery=1&seed=7&backend=cpu';

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The step of the run kept in the browser's storage, or null when none is kept. */
function keptStep(page: Page): Promise<number | null> {
  return page.evaluate(
    () =>
      new Promise<number | null>((resolve) => {
        const open = indexedDB.open('multimodal-playground');
        open.onerror = () => resolve(null);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('runInProgress')) {
            db.close();
            resolve(null);
            return;
          }
          // One slot per tab: this test's only tab kept the newest.
          const get = db.transaction('runInProgress').objectStore('runInProgress').getAll();
          get.onsuccess = () => {
            db.close();
            const kept = (get.result as { step: number; savedAt: number }[]).sort(
              (a, b) => b.savedAt - a.savedAt,
            );
            resolve(kept[0]?.step ?? null);
          };
          get.onerror = () => resolve(null);
        };
      }),
  );
}

const cardsStep = async (page: Page) =>
  Number(await page.getByTestId('metric-cards').getAttribute('data-step'));

async function cards(page: Page) {
  return {
    step: await cardsStep(page),
    gap: await metric(page, 'metric-gap'),
    alignment: await metric(page, 'metric-alignment'),
    r1: await metric(page, 'metric-r1'),
    gapChange: await page.getByTestId('metric-gap-change').textContent(),
  };
}

describe('a reload', () => {
  it('goes on with the run in progress: the same step, the same numbers, and Play trains on', async () => {
    const { page, witness } = await openApp(browser, `${baseUrl}#${hash}`);
    await expect
      .poll(() => page.getByTestId('backend').getAttribute('data-backend'), { timeout: 60_000 })
      .toBe('cpu');
    await page.getByTestId('play').click();
    await expect.poll(() => stepCount(page), { timeout: 150_000 }).toBeGreaterThanOrEqual(40);
    await page.getByTestId('pause').click();
    // The chunk under way when Pause was pressed still ends and is evaluated, and the run is kept: wait
    // until the step counter, the cards and the kept run agree.
    const settled = async () => {
      const shown = await stepCount(page);
      return (await cardsStep(page)) === shown && (await keptStep(page)) === shown;
    };
    await expect.poll(settled, { timeout: 30_000 }).toBe(true);
    const step = await stepCount(page);
    const before = await cards(page);
    expect(before.gapChange).toMatch(/since step 0$/);

    await page.reload({ waitUntil: 'load' });
    await expect
      .poll(() => page.getByTestId('notice').textContent(), { timeout: 60_000 })
      .toContain(`Restored the run in progress at step ${step}`);
    expect(await page.getByTestId('notice').textContent()).toContain(
      'training goes on exactly where it stopped',
    );
    expect(await stepCount(page)).toBe(step);
    await expect.poll(() => cardsStep(page), { timeout: 30_000 }).toBe(step);
    const after = await cards(page);
    // The same weights evaluated on the same set on the same backend; the change measured from step 0 as before.
    expect(after.gap).toBeCloseTo(before.gap, 6);
    expect(after.alignment).toBeCloseTo(before.alignment, 6);
    expect(after.r1).toBe(before.r1);
    expect(after.gapChange).toBe(before.gapChange);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: 'test-results/resume-restored.png' });

    await page.getByTestId('play').click();
    await expect.poll(() => cardsStep(page), { timeout: 60_000 }).toBeGreaterThan(step + 3);
    await page.getByTestId('pause').click();
    expect(witness.errors).toEqual([]);
    await page.close();
  });
});
