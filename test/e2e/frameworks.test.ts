/**
 * Each framework's own views in the live app: joint representation shows reconstructions beside the
 * inputs and its robustness curves; the encoder-decoder writes captions, draws typed captions and keeps
 * a grid of generations over training; the correlation family draws its spectrum. Small configs on the
 * WASM backend (named, so no time goes to measuring backends) keep each run to a minute or two.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, metric, openApp, stepCount } from './browser';

let browser: Browser;
const baseUrl = inject('baseUrl');
const SMALL = 'trainSize=300&evalSize=64&evalEvery=10&backend=wasm';

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function ready(page: Page): Promise<void> {
  await page.locator('[data-testid="play"]:not([disabled])').waitFor({ timeout: 120_000 });
}

async function attribute(page: Page, testId: string, name: string): Promise<string> {
  return (await page.getByTestId(testId).first().getAttribute(name)) ?? '';
}

/** Mean of the RGB bytes of a canvas (0 for black): whether something was drawn. */
async function canvasMean(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).evaluate((el) => {
    const canvas = el as HTMLCanvasElement;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let sum = 0;
    for (let i = 0; i < data.length; i += 4) sum += data[i] + data[i + 1] + data[i + 2];
    return sum / ((data.length / 4) * 3);
  });
}

/** The lines drawn in a line chart: how many, and whether each has a path. */
async function chartLines(page: Page, testId: string): Promise<number> {
  return page
    .getByTestId(testId)
    .locator('path.series')
    .evaluateAll((paths) => paths.filter((p) => (p.getAttribute('d') ?? '').length > 10).length);
}

describe('framework views', () => {
  it('joint: reconstructions beside the inputs, robustness curves, and metrics that move', async () => {
    const { page, witness } = await openApp(browser, `${baseUrl}#framework=joint&${SMALL}`);
    await ready(page);
    await expect(page.getByTestId('config-framework').inputValue()).resolves.toBe('joint');
    await expect(page.getByTestId('config-fusion').inputValue()).resolves.toBe('additive');
    await page.getByTestId('recon-image-both').waitFor({ timeout: 60_000 });
    const accuracy0 = Number(await attribute(page, 'joint-accuracy-both', 'data-value'));
    const alignment0 = await metric(page, 'metric-alignment');
    const inspected0 = Number(await attribute(page, 'joint-reconstruction', 'data-step'));
    expect(Number(await attribute(page, 'fusion-parameters', 'data-value'))).toBe(2 * 32 * 32 + 32);

    await page.getByTestId('play').click();
    await expect.poll(() => stepCount(page), { timeout: 120_000 }).toBeGreaterThanOrEqual(80);
    await expect
      .poll(async () => Number(await attribute(page, 'joint-accuracy-both', 'data-value')), {
        timeout: 60_000,
      })
      .toBeGreaterThan(accuracy0 + 0.2);
    // The reconstruction follows the weights: it was decoded again at a later step.
    await expect
      .poll(async () => Number(await attribute(page, 'joint-reconstruction', 'data-step')), {
        timeout: 30_000,
      })
      .toBeGreaterThan(inspected0);
    await page.getByTestId('pause').click();

    for (const c of ['both', 'imageOnly', 'textOnly'])
      expect(await canvasMean(page, `recon-image-${c}`)).toBeGreaterThan(1);
    const words = page.getByTestId('recon-words').locator('.word-chip');
    expect(await words.count()).toBeGreaterThanOrEqual(3 * 4);
    expect(await page.getByTestId('recon-words').locator('.word-chip.hit').count()).toBeGreaterThan(0);
    expect(await chartLines(page, 'joint-robustness')).toBe(3);
    expect(await chartLines(page, 'joint-caption-robustness')).toBe(3);
    expect(Number(await attribute(page, 'joint-probe-both', 'data-value'))).toBeGreaterThan(0);
    expect(Number(await attribute(page, 'joint-probe-grid', 'data-rows'))).toBeGreaterThanOrEqual(3);
    expect(await metric(page, 'metric-alignment')).toBeLessThan(alignment0);
    expect(witness.errors).toEqual([]);
    await page.screenshot({ path: 'test-results/frameworks-joint.png', fullPage: true });
    await page.close();
  });

  it('encoder-decoder: live captions, a drawn typed caption, and a growing grid of generations', async () => {
    const { page, witness } = await openApp(browser, `${baseUrl}#framework=encdec&direction=both&${SMALL}`);
    await ready(page);
    const caption = page.getByTestId('generated-caption');
    await expect.poll(() => caption.textContent(), { timeout: 60_000 }).not.toBe('Writing…');
    const caption0 = await caption.textContent();
    await page.getByTestId('drawn-image').waitFor({ timeout: 30_000 });
    const rows0 = Number(await attribute(page, 'generations-grid', 'data-rows'));
    expect(rows0).toBeGreaterThanOrEqual(1);
    const perplexity0 = Number(await attribute(page, 'encdec-perplexity', 'data-value'));

    await page.getByTestId('play').click();
    await expect.poll(() => caption.textContent(), { timeout: 150_000, interval: 1000 }).not.toBe(caption0);
    await expect
      .poll(async () => Number(await attribute(page, 'generations-grid', 'data-rows')), { timeout: 60_000 })
      .toBeGreaterThan(rows0);
    expect(Number(await attribute(page, 'encdec-perplexity', 'data-value'))).toBeLessThan(perplexity0);

    // A typed caption is drawn on the current weights, and words the model never saw are flagged.
    await page.getByTestId('draw-input').fill('a tiny blue zyzzyva in the bottom left');
    await expect
      .poll(() => page.getByTestId('drawn-image').getAttribute('aria-label'), { timeout: 30_000 })
      .toContain('a tiny blue zyzzyva in the bottom left');
    await expect(page.getByTestId('draw-unknown').textContent()).resolves.toContain('zyzzyva');
    expect(await canvasMean(page, 'drawn-image')).toBeGreaterThan(1);
    await page.getByTestId('pause').click();
    expect(await page.getByTestId('generations-grid').locator('[data-testid="probe-caption"]').count()).toBe(
      4 * Number(await attribute(page, 'generations-grid', 'data-rows')),
    );
    expect(await chartLines(page, 'encdec-scores-chart')).toBe(5);
    expect(witness.errors).toEqual([]);
    await page.screenshot({ path: 'test-results/frameworks-encdec.png', fullPage: true });
    await page.close();
  });

  it('correlation: the canonical correlation spectrum renders', async () => {
    const { page, witness } = await openApp(browser, `${baseUrl}#framework=correlation&${SMALL}`);
    await ready(page);
    await page.getByTestId('play').click();
    await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(20);
    await page.getByTestId('pause').click();
    await expect
      .poll(() => page.getByTestId('cca-spectrum').locator('rect.bar').count(), { timeout: 30_000 })
      .toBeGreaterThan(1);
    expect(Number(await page.getByTestId('cca-total').textContent())).toBeGreaterThan(0);
    expect(witness.errors).toEqual([]);
    await page.screenshot({ path: 'test-results/frameworks-correlation.png', fullPage: true });
    await page.close();
  });
});
