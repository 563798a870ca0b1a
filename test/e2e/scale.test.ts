/**
 * A researcher's folder at a size CI can afford: a zip of 2,000 pairs of 64x64 PNGs with metadata.jsonl
 * (made by the bench's generator) picked through the file input. The progress bar counts in every
 * phase, all 2,000 are kept, and the run on them evaluates a bounded sample of its 400 evaluation pairs
 * and says so. The larger sizes (5,000 to 100,000) are measured by `npm run bench -- --only scale`.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, longTasks, openApp } from './browser';
import { pairsZip } from '../../bench/scale/pairsZip';

let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('a 2,000-pair zip', () => {
  it('counts in every phase, keeps every pair and evaluates a sample of 256, saying so', async () => {
    const zip = pairsZip(2000);
    const { page, witness } = await openApp(browser, `${baseUrl}#backend=cpu`);
    await expect
      .poll(() => page.getByTestId('data-current').getAttribute('data-ready'), { timeout: 90_000 })
      .toBe('shapes');
    // Every label the progress bar shows, however briefly (a mutation observer, not a poll).
    await page.evaluate(() => {
      const w = window as unknown as { __labels: string[] };
      w.__labels = [];
      new MutationObserver(() => {
        const label = document.querySelector('[data-testid="import-progress"] span')?.textContent;
        if (label && label !== w.__labels.at(-1)) w.__labels.push(label);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const before = (await longTasks(page)).length;

    await page.getByTestId('import-files').setInputFiles(zip);
    await expect
      .poll(() => page.getByTestId('import-kept').getAttribute('data-value'), { timeout: 120_000 })
      .toBe('2000');
    const labels = await page.evaluate(() => (window as unknown as { __labels: string[] }).__labels);
    const counted = (phase: string) =>
      labels.filter((l) => new RegExp(`^${phase}: [\\d.,]+( MB)? of `).test(l));
    expect(counted('Unpacking the archive').at(-1)).toMatch(/^Unpacking the archive: ([\d.]+) MB of \1 MB$/);
    expect(counted('Checking files and captions').at(-1)).toBe('Checking files and captions: 2,000 of 2,000');
    expect(counted('Decoding images').at(-1)).toBe('Decoding images: 2,000 of 2,000');
    // Decoding takes seconds: the bar moves through it rather than jumping to the end.
    expect(counted('Decoding images').length).toBeGreaterThan(2);

    // The run on the import: 1,600 training pairs, 400 evaluation pairs, metrics on 256 of them.
    await expect
      .poll(() => page.getByTestId('data-current').getAttribute('data-ready'), { timeout: 120_000 })
      .toBe('imported');
    expect(await page.getByTestId('data-current').getAttribute('data-eval')).toBe('400');
    const note = page.getByTestId('eval-sample-note');
    await note.waitFor({ timeout: 60_000 });
    expect(await note.getAttribute('data-evaluated')).toBe('256');
    expect(await note.textContent()).toMatch(/seeded sample of 256 of the 400 evaluation pairs/);
    await expect
      .poll(() => page.getByTestId('scatter').getAttribute('data-points'), { timeout: 120_000 })
      .toBe('512');

    const tasks = (await longTasks(page)).slice(before);
    console.log(
      `2,000-pair zip: ${tasks.length} main-thread tasks over 50 ms from the pick to the first layout, ` +
        `longest ${Math.round(Math.max(0, ...tasks))} ms`,
    );
    expect(witness.errors).toEqual([]);
    await page.close();
  });
});
