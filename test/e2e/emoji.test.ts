/**
 * The emoji set as a new user meets it: open the app, pick emoji, press Play, and within a minute the
 * retrieval card shows learning. Picking the dataset brings its recommended settings (datasetPresets.ts),
 * and the link carries them.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, metric, openApp, stepCount } from './browser';

let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** R@1 image→text among 512 Twemoji pairs that the app must pass within a minute of Play (chance 0.002). */
const R1_AFTER_A_MINUTE = 0.1;

/** Waits until the worker's run is on `dataset` and Play can be pressed. */
async function runReady(page: Page, dataset: string): Promise<void> {
  await expect
    .poll(() => page.getByTestId('data-current').getAttribute('data-ready'), { timeout: 90_000 })
    .toBe(dataset);
  await expect.poll(() => page.getByTestId('play').isEnabled(), { timeout: 60_000 }).toBe(true);
}

/** The projection worker's time for the last layout, from the view's "layout N ms" note. */
async function layoutMs(page: Page): Promise<number> {
  const text = (await page.locator('.layout-time').textContent()) ?? '';
  const m = /layout (\d+) ms/.exec(text);
  return m ? Number(m[1]) : NaN;
}

describe('emoji set', () => {
  it('picked in the app, brings its settings and shows learning within a minute of Play', async () => {
    const { page, witness } = await openApp(browser, baseUrl);
    await runReady(page, 'shapes');
    await page.getByTestId('config-dataset').selectOption('emoji');
    // The recommended settings came with the dataset, and the link carries them.
    expect(await page.getByTestId('config-batchSize').inputValue()).toBe('128');
    expect(await page.getByTestId('config-evalEvery').inputValue()).toBe('20');
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toContain('dataset=emoji');
    expect(hash).toContain('batchSize=128');
    await runReady(page, 'emoji');
    expect(Number(await page.getByTestId('data-current').getAttribute('data-eval'))).toBe(512);
    // The untrained model's first evaluation: near chance (NaN, not yet shown, keeps polling).
    await expect.poll(() => metric(page, 'metric-r1'), { timeout: 60_000 }).toBeLessThan(0.02);

    await page.getByTestId('play').click();
    const t0 = Date.now();
    await expect
      .poll(() => metric(page, 'metric-r1'), { timeout: 60_000, interval: 500 })
      .toBeGreaterThan(R1_AFTER_A_MINUTE);
    const seconds = (Date.now() - t0) / 1000;
    const steps = await stepCount(page);
    const layouts: number[] = [];
    for (let i = 0; i < 5; i++) {
      layouts.push(await layoutMs(page));
      await page.waitForTimeout(1000);
    }
    await page.getByTestId('pause').click();
    console.log(
      `emoji: R@1 ${await metric(page, 'metric-r1')} (held-out ${await metric(page, 'metric-r1-heldout')}) ` +
        `passed ${R1_AFTER_A_MINUTE} after ${seconds.toFixed(1)} s, ${steps} steps; layouts ${layouts.join(', ')} ms`,
    );
    // A warm layout of the 1,024 points keeps up with evaluations: 0.16 s for the same code in Node at a
    // load of 2, 1.4 to 2.6 s in this test at loads of 22 to 26 on 2 cores; all 1,906 pairs (3,812 points)
    // took ~6 s in the built app.
    expect(Math.min(...layouts)).toBeLessThan(3000);
    await page.screenshot({ path: 'test-results/emoji-learning.png', fullPage: true });
    expect(witness.errors).toEqual([]);
    await page.close();
  });
});
