/**
 * The user's own data, end to end in the built app: pick a folder of real pairs (some broken on
 * purpose), read the report, train on the rest, reload and find the dataset and weights still there,
 * export the Projector files and the model and check their format; the built-in emoji and GloVe from
 * a sub-path; a link to imported pairs on another machine; a full storage quota.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { unzipSync, zipSync } from 'fflate';
import { PNG } from 'pngjs';
import { launch, metric, openApp, stepCount } from './browser';
import { BUILT_APP, serveStatic } from './staticServer';
import { shapePng, writePairsFolder } from './fixtures/pairsFolder';

let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

/** Waits until the worker's run is on `dataset` and its first evaluation is shown. */
async function runReady(page: Page, dataset: string): Promise<void> {
  await expect
    .poll(() => page.getByTestId('data-current').getAttribute('data-ready'), { timeout: 90_000 })
    .toBe(dataset);
  await expect.poll(() => metric(page, 'metric-alignment'), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect.poll(() => page.getByTestId('play').isEnabled(), { timeout: 30_000 }).toBe(true);
}

/** Clicks `testId` and returns the download's file name and bytes. */
async function download(page: Page, testId: string): Promise<{ name: string; bytes: Uint8Array }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await d.path();
  return { name: d.suggestedFilename(), bytes: new Uint8Array(readFileSync(path)) };
}

describe('your own pairs', () => {
  it('imports a folder, reports every broken file, trains, survives a reload and exports', async () => {
    const folder = writePairsFolder();
    onTestFinished(() => folder.remove());
    const { page, witness } = await openApp(browser, `${baseUrl}#backend=cpu&evalEvery=10`);
    await runReady(page, 'shapes');

    // 1. Pick the folder; the import runs in its worker and the report names every broken item.
    await page.getByTestId('import-folder').setInputFiles(folder.root);
    const report = page.getByTestId('import-report');
    await report.waitFor({ timeout: 60_000 });
    await expect
      .poll(() => page.getByTestId('import-kept').getAttribute('data-value'))
      .toBe(String(folder.kept));
    const rejected = await page
      .getByTestId('rejected-list')
      .locator('li')
      .evaluateAll((items) =>
        items.map((li) => [li.getAttribute('data-path'), li.getAttribute('data-reason')]),
      );
    expect(Object.fromEntries(rejected)).toEqual(folder.rejected);
    for (const path of Object.keys(folder.rejected))
      await expect(report.getByText(path, { exact: true }).count()).resolves.toBe(1);
    // Markup in file names and captions stays text.
    expect(await page.locator('[data-testid="import-report"] i, b, img[src="x"]').count()).toBe(0);
    await page.screenshot({ path: 'test-results/data-imported.png', fullPage: true });

    // 2. The accepted pairs are the run's data (80/20 seeded split), and training works on them.
    await runReady(page, 'imported');
    expect(await page.getByTestId('config-dataset').inputValue()).toBe('imported');
    const nEval = Number(await page.getByTestId('data-current').getAttribute('data-eval'));
    expect(nEval).toBe(Math.round(folder.kept * 0.2));
    expect(await page.evaluate(() => location.hash)).toMatch(/dataset=imported&.*data=[\w-]+/);
    const alignment0 = await metric(page, 'metric-alignment');
    await page.getByTestId('play').click();
    await expect.poll(() => stepCount(page), { timeout: 90_000 }).toBeGreaterThanOrEqual(80);
    await page.getByTestId('pause').click();
    await page.getByTestId('step').waitFor();
    await expect.poll(() => page.getByTestId('step').isEnabled()).toBe(true);
    // One more step evaluates exactly the weights that get saved.
    const before = await stepCount(page);
    await page.getByTestId('step').click();
    await expect
      .poll(() => page.getByTestId('metric-cards').getAttribute('data-step'))
      .toBe(String(before + 1));
    const trained = await metric(page, 'metric-alignment');
    expect(trained).toBeLessThan(alignment0 * 0.7);
    console.log(
      `imported pairs: alignment ${alignment0.toFixed(3)} -> ${trained.toFixed(3)} in ${before + 1} steps`,
    );

    await page.getByTestId('save-weights').click();
    await page.getByTestId('saved-weights').first().waitFor();
    expect(await page.getByTestId('saved-dataset').count()).toBe(1);
    expect(await page.getByTestId('saved-list').textContent()).toContain(`step ${before + 1}`);

    // 3. A reload finds the dataset (the link names it), goes on with the run in progress, and finds the
    // saved weights, which reopen where they were.
    await page.reload({ waitUntil: 'load' });
    await runReady(page, 'imported');
    await page.getByTestId('import-report').waitFor();
    expect(await page.getByTestId('import-kept').getAttribute('data-value')).toBe(String(folder.kept));
    await expect
      .poll(() => page.getByTestId('notice').textContent(), { timeout: 60_000 })
      .toMatch(/^Restored the run in progress at step \d+/);
    await expect
      .poll(() => metric(page, 'metric-alignment'), { timeout: 60_000 })
      .toBeLessThan(alignment0 * 0.7);
    await page.getByTestId('open-weights').first().click();
    await expect
      .poll(() => page.getByTestId('data-current').getAttribute('data-restored'), { timeout: 60_000 })
      .toBe(String(before + 1));
    await expect.poll(() => metric(page, 'metric-alignment'), { timeout: 60_000 }).toBeCloseTo(trained, 6);

    // 4. The Projector files: one row per point (images then captions), a header, a sprite, a config.
    const projector = await download(page, 'export-projector');
    expect(projector.name).toMatch(/^projector-step-\d+\.zip$/);
    const files = unzipSync(projector.bytes);
    expect(Object.keys(files).sort()).toEqual([
      'metadata.tsv',
      'projector_config.json',
      'sprite.png',
      'vectors.tsv',
    ]);
    const vectors = text(files['vectors.tsv']).trimEnd().split('\n');
    expect(vectors).toHaveLength(2 * nEval);
    for (const row of vectors) {
      const values = row.split('\t').map(Number);
      expect(values).toHaveLength(32);
      expect(values.every(Number.isFinite)).toBe(true);
      expect(Math.hypot(...values)).toBeCloseTo(1, 3);
    }
    const meta = text(files['metadata.tsv']).trimEnd().split('\n');
    expect(meta[0]).toBe('modality\tcaption\tkey\tsplit\tpair');
    expect(meta).toHaveLength(2 * nEval + 1);
    expect(meta.slice(1, nEval + 1).every((r) => r.startsWith('image\t'))).toBe(true);
    expect(meta.slice(nEval + 1).every((r) => r.startsWith('caption\t'))).toBe(true);
    expect(meta.every((r) => r.split('\t').length === 5)).toBe(true);
    const config = JSON.parse(text(files['projector_config.json'])) as { embeddings: unknown[] };
    expect(config.embeddings[0]).toMatchObject({
      tensorShape: [2 * nEval, 32],
      tensorPath: 'vectors.tsv',
      metadataPath: 'metadata.tsv',
      sprite: { imagePath: 'sprite.png', singleImageDim: [32, 32] },
    });
    const sprite = PNG.sync.read(Buffer.from(files['sprite.png']));
    const side = Math.ceil(Math.sqrt(2 * nEval)) * 32;
    expect([sprite.width, sprite.height]).toEqual([side, side]);

    // 5. The metrics history as CSV, and the model as tf.io files that load back into the app.
    const csv = text((await download(page, 'export-metrics')).bytes)
      .trimEnd()
      .split('\n');
    expect(csv[0].split(',').slice(0, 4)).toEqual(['step', 'loss', 'pairsPerSecond', 'gap']);
    expect(csv.length).toBeGreaterThanOrEqual(2);
    const model = await download(page, 'export-model');
    const modelFiles = unzipSync(model.bytes);
    const { weightsManifest } = JSON.parse(text(modelFiles['model.json'])) as {
      weightsManifest: { paths: string[]; weights: { shape: number[] }[] }[];
    };
    const manifest = weightsManifest[0];
    expect(manifest.paths).toEqual(['weights.bin']);
    const floats = manifest.weights.reduce(
      (n: number, w: { shape: number[] }) => n + w.shape.reduce((a, b) => a * b, 1),
      0,
    );
    expect(modelFiles['weights.bin'].length).toBe(floats * 4);
    await page.getByTestId('reset').click();
    await expect.poll(() => metric(page, 'metric-alignment'), { timeout: 60_000 }).toBeCloseTo(alignment0, 6);
    await page
      .getByTestId('load-model')
      .setInputFiles({ name: model.name, mimeType: 'application/zip', buffer: Buffer.from(model.bytes) });
    await expect.poll(() => metric(page, 'metric-alignment'), { timeout: 60_000 }).toBeCloseTo(trained, 6);

    // 6. The views as pictures.
    const png = await download(page, 'export-png');
    expect(png.name).toBe('scatter.png');
    expect(Array.from(png.bytes.subarray(1, 4))).toEqual([0x50, 0x4e, 0x47]);
    await page.getByTestId('export-plot').selectOption('chart-gap');
    const svg = await download(page, 'export-svg');
    expect(text(svg.bytes)).toMatch(/^<\?xml[\s\S]*<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);

    await page.screenshot({ path: 'test-results/data-reopened.png', fullPage: true });
    expect(witness.errors).toEqual([]);
    expect(witness.outsideRequests).toEqual([]);
    await page.close();
  });

  it('falls back to the shapes, with a notice, for a link to pairs this browser does not have', async () => {
    const { page } = await openApp(browser, `${baseUrl}#dataset=imported&data=not-here&backend=cpu`);
    const notice = page.getByTestId('notice');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toContain('not stored in this browser');
    await runReady(page, 'shapes');
    expect(await page.getByTestId('config-dataset').inputValue()).toBe('shapes');
    expect(await page.evaluate(() => location.hash)).not.toContain('data=');
    await page.close();
  });

  it('keeps named settings across a reload, reopens and deletes them', async () => {
    const { page } = await openApp(browser, `${baseUrl}#backend=cpu&dim=16&seed=3`);
    await runReady(page, 'shapes');
    await page.getByTestId('save-name').fill('small space');
    await page.getByTestId('save-settings').click();
    await page.getByTestId('saved-settings').first().waitFor();
    await page.getByTestId('config-seed').fill('8');
    await page.getByTestId('config-seed').press('Enter');
    await page.reload({ waitUntil: 'load' });
    await expect(page.getByTestId('config-seed').inputValue()).resolves.toBe('8');
    const item = page.getByTestId('saved-settings').filter({ hasText: 'small space' });
    await item.getByTestId('open-settings').click();
    await expect.poll(() => page.getByTestId('config-seed').inputValue()).toBe('3');
    expect(await page.getByTestId('config-dim').inputValue()).toBe('16');
    await item.getByTestId('delete-settings').click();
    await item.getByTestId('confirm-delete-settings').click();
    await expect
      .poll(() => page.getByTestId('saved-settings').filter({ hasText: 'small space' }).count())
      .toBe(0);
    await page.close();
  });

  it('says so when the storage is full, keeps what was saved, and still trains on the new pairs', async () => {
    const { page, witness } = await openApp(browser, `${baseUrl}#backend=cpu`);
    await runReady(page, 'shapes');
    // A zip dropped on the page (a synthetic drop: files without folder entries).
    const drop = async (name: string, shift: number) => {
      const entries: Record<string, Uint8Array> = {};
      for (const [i, colour] of (['red', 'green', 'blue', 'yellow'] as const).entries())
        for (const shape of ['square', 'circle'] as const)
          entries[`${colour} ${shape} ${i}.png`] = shapePng(colour, shape, shift);
      const zip = Array.from(zipSync(entries));
      await page.evaluate(
        ([bytes, fileName]) => {
          const transfer = new DataTransfer();
          transfer.items.add(new File([new Uint8Array(bytes)], fileName, { type: 'application/zip' }));
          window.dispatchEvent(
            new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }),
          );
        },
        [zip, name] as const,
      );
    };
    await drop('first.zip', 0);
    await expect.poll(() => page.getByTestId('saved-dataset').count(), { timeout: 60_000 }).toBe(1);
    await runReady(page, 'imported');

    // A full disk cannot be had on demand, so the browser's own failure is staged: every write to the
    // database now fails the way a full quota makes it fail (a QuotaExceededError DOMException).
    await page.evaluate(() => {
      const full = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      IDBObjectStore.prototype.add = full;
      IDBObjectStore.prototype.put = full;
    });
    await drop('second.zip', 2);
    const message = page.getByTestId('storage-message');
    await message.waitFor({ timeout: 60_000 });
    expect(await message.textContent()).toMatch(/storage .* is full/);
    expect(await message.textContent()).toContain('Everything saved before is still there');
    expect(await page.getByTestId('saved-dataset').count()).toBe(1);
    await expect
      .poll(() => page.getByTestId('data-current').textContent(), { timeout: 60_000 })
      .toContain('second');
    await page.reload({ waitUntil: 'load' });
    await expect.poll(() => page.getByTestId('saved-dataset').count(), { timeout: 30_000 }).toBe(1);
    // A zip's dataset is named after the archive, without its extension.
    expect(await page.getByTestId('saved-list').textContent()).toContain('first');
    expect(await page.getByTestId('saved-list').textContent()).not.toContain('second');
    expect(witness.errors).toEqual([]);
    await page.close();
  });
});

describe('built-in data', () => {
  it('trains on emoji and reads captions through GloVe from a sub-path, with credits and the GloVe lesson', async () => {
    const server = await serveStatic(BUILT_APP, '/school/class-7/playground/');
    try {
      const { page, witness } = await openApp(
        browser,
        `${server.url}#dataset=emoji&textEncoder=glove&backend=cpu`,
      );
      await runReady(page, 'emoji');
      expect(await page.getByTestId('data-current').textContent()).toContain(
        'Emoji (train: Noto Emoji (Google), evaluate: Twemoji)',
      );
      // A seeded sample of the 1,906 (the evaluation-pairs default), so the layout keeps up.
      expect(Number(await page.getByTestId('data-current').getAttribute('data-eval'))).toBe(512);
      const lesson = page.getByTestId('glove-lesson');
      await lesson.waitFor();
      const leftRight = Number(await page.getByTestId('glove-cos-left-right').getAttribute('data-value'));
      const smallLarge = Number(await page.getByTestId('glove-cos-small-large').getAttribute('data-value'));
      expect(leftRight).toBeCloseTo(0.77, 2);
      expect(smallLarge).toBeCloseTo(0.93, 2);
      await page.getByTestId('about-data').locator('summary').click();
      await expect.poll(() => page.getByTestId('credits').textContent()).toContain('Twemoji');
      expect(await page.getByTestId('credits').textContent()).toContain('CC BY 4.0');
      await page.getByTestId('step').click();
      await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBe(1);
      await page.screenshot({ path: 'test-results/data-emoji-glove.png', fullPage: true });
      expect(witness.errors).toEqual([]);
      expect(witness.outsideRequests).toEqual([]);
      await page.close();
    } finally {
      await server.close();
    }
  });
});
