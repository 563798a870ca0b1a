/** Headless Chromium for the end-to-end tests (Debian's chromium driven by playwright-core). */
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium';

export function launch(): Promise<Browser> {
  return launchChromium();
}

/** What a page did that a test may assert on: console errors, requests that left the host, long tasks. */
export interface PageWitness {
  errors: string[];
  outsideRequests: string[];
}

export async function openApp(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number } = { width: 1400, height: 1000 },
): Promise<{ page: Page; witness: PageWitness }> {
  const page = await browser.newPage({ viewport });
  const witness: PageWitness = { errors: [], outsideRequests: [] };
  const origin = new URL(url).origin;
  page.on('console', (m) => {
    if (m.type() === 'error') witness.errors.push(m.text());
  });
  page.on('pageerror', (e) => witness.errors.push(String(e)));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !/^(data|blob):/.test(u)) witness.outsideRequests.push(u);
  });
  // Counts main-thread tasks over 50 ms from the first script on (PerformanceObserver, 'longtask').
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, witness };
}

/** Durations (ms) of the long tasks seen so far; `since` drops the first entries (e.g. page load). */
export async function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.slice());
}

export async function metric(page: Page, testId: string): Promise<number> {
  const v = await page.getByTestId(testId).getAttribute('data-value');
  return v === null || v === '' ? NaN : Number(v);
}

export async function stepCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('step-count').textContent());
}
