/**
 * The shared space as a class watches it: a run's first layout appears as a quick PCA layout, said so,
 * while UMAP refines it; then, while training plays, the points follow the codes the worker embeds
 * between evaluations, and the line under the plot gives the step of the points and of the metrics.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openApp, stepCount } from './browser';

let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Every text the layout line shows, with its data attributes, recorded as it changes. */
function recordStatus(): void {
  const w = window as unknown as { __status: { text: string; quick: string; points: string }[] };
  w.__status = [];
  new MutationObserver(() => {
    const line = document.querySelector('[data-testid="layout-status"]');
    const text = line?.textContent?.trim() ?? '';
    const points = document.querySelector('[data-testid="scatter"]')?.getAttribute('data-points') ?? '';
    if (text && text !== w.__status.at(-1)?.text)
      w.__status.push({ text, quick: line?.getAttribute('data-quick') ?? '', points });
  }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
}

const statuses = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { __status: { text: string; quick: string; points: string }[] }).__status,
  );

describe('the shared space of a run', () => {
  it('shows a quick layout first, then follows training between evaluations, saying which step is which', async () => {
    const { page, witness } = await openApp(browser, `${baseUrl}#backend=wasm&evalEvery=200`, {
      width: 1280,
      height: 720,
    });
    await page.evaluate(recordStatus);
    await expect
      .poll(() => page.getByTestId('layout-status').textContent(), { timeout: 120_000 })
      .toBe('Points and metrics at step 0.');
    const first = await statuses(page);
    // Before UMAP settled, its quick layout was on screen (512 points of the 256-pair sample), and said so.
    const quick = first.filter((s) => s.quick === 'true');
    expect(quick.length).toBeGreaterThan(0);
    expect(quick[0]?.text).toMatch(/^Quick layout of step 0 — refining with UMAP…( \d+%)?$/);
    expect(quick[0]?.points).toBe('512');
    expect(first.at(-1)?.quick).toBe('false');

    const betweenOf = async () =>
      (await statuses(page))
        .map((s) => /^Points at step ([\d,]+); metrics from the evaluation at step ([\d,]+)\.$/.exec(s.text))
        .filter((m) => m !== null)
        .map((m) => [Number(m[1]?.replace(/,/g, '')), Number(m[2]?.replace(/,/g, ''))] as const);
    await page.getByTestId('play').click();
    // Evaluations come every 200 steps (sparse, so that however fast the machine, live codes come between
    // them); the points move in between, at steps of their own. Wait for such
    // points (the first line of this form may be the moment after an evaluation, with earlier points).
    await expect
      .poll(
        async () => (await betweenOf()).some(([points, metrics]) => points > metrics && points % 200 !== 0),
        { timeout: 120_000 },
      )
      .toBe(true);
    await page.getByTestId('pause').click();
    const between = await betweenOf();
    // Metrics are of evaluations (every 200 steps); points mostly of later steps, or, for a moment after a
    // new evaluation arrived and before its layout is drawn, of the earlier step still on screen.
    for (const [points, metrics] of between) {
      expect(points).not.toBe(metrics);
      expect(metrics % 200).toBe(0);
    }
    expect(between.some(([points, metrics]) => points > metrics && points % 200 !== 0)).toBe(true);
    expect(await stepCount(page)).toBeGreaterThan(0);
    expect(witness.errors).toEqual([]);
  });
});
