/**
 * Driving the built app in a page, through the hooks it exposes (data-testid, data-value) plus a
 * witness installed before its scripts: main-thread long tasks, and the messages of its workers
 * (snapshots from the training worker, layouts from the projection worker, with the worker's own time).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface WorkerMessage {
  worker: 'training' | 'projection' | 'import';
  direction: 'in' | 'out';
  type: string;
  /** performance.now() on the page. */
  t: number;
  /** Worker milliseconds reported by a projection layout. */
  ms?: number;
}

export interface Witness {
  longTasks: { start: number; duration: number }[];
  messages: WorkerMessage[];
}

/** Runs in the page before any of its scripts (serialised by playwright: self-contained). */
function installWitness(): void {
  const w = window as unknown as { __bench: Witness };
  const witness: Witness = { longTasks: [], messages: [] };
  w.__bench = witness;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) witness.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const Native = window.Worker;
  class WatchedWorker extends Native {
    kind: WorkerMessage['worker'] = 'training';
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      const name = String(url);
      const worker = /projection/i.test(name) ? 'projection' : /import/i.test(name) ? 'import' : 'training';
      this.kind = worker;
      this.addEventListener('message', (e: MessageEvent) => {
        const data = e.data as { type?: string; ms?: number } | null;
        if (!data || data.type === 'progress') return; // progress comes every frame: not needed
        witness.messages.push({
          worker,
          direction: 'in',
          type: String(data.type),
          t: performance.now(),
          ...(typeof data.ms === 'number' ? { ms: data.ms } : {}),
        });
      });
    }
    override postMessage(message: unknown, transfer?: Transferable[] | StructuredSerializeOptions): void {
      const type = (message as { type?: string } | null)?.type;
      witness.messages.push({
        worker: this.kind,
        direction: 'out',
        type: String(type),
        t: performance.now(),
      });
      super.postMessage(message, transfer as Transferable[]);
    }
  }
  window.Worker = WatchedWorker;
}

/**
 * Functions handed to the page are serialised from this TypeScript as tsx compiled it, and its esbuild
 * keeps function names by wrapping them in `__name(...)`: the page needs that helper too.
 */
export const NAME_HELPER = { content: 'globalThis.__name ??= (f) => f;' };

/** A browser context without service workers: the precache download would compete with the measurement. */
export function quietContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ serviceWorkers: 'block', viewport: { width: 1400, height: 1000 } });
}

/** Opens the app at `hash` with the witness installed; collects page errors into `errors`. */
export async function openApp(
  context: BrowserContext,
  baseUrl: string,
  hash: string,
  errors: string[] = [],
): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.addInitScript(NAME_HELPER);
  await page.addInitScript(installWitness);
  await page.goto(hash ? `${baseUrl}#${hash}` : baseUrl, { waitUntil: 'load' });
  return page;
}

/** Waits until the worker is ready (Play enabled, the first evaluation shown); returns the backend it chose. */
export async function waitReady(page: Page, timeoutMs: number): Promise<string> {
  await page.waitForFunction(
    () => {
      const play = document.querySelector<HTMLButtonElement>('[data-testid="play"]');
      const backend = document.querySelector('[data-testid="backend"]')?.getAttribute('data-backend');
      const alignment = document
        .querySelector('[data-testid="metric-alignment"]')
        ?.getAttribute('data-value');
      return Boolean(play && !play.disabled && backend && alignment);
    },
    null,
    { timeout: timeoutMs, polling: 100 },
  );
  return (await page.getByTestId('backend').getAttribute('data-backend')) ?? '';
}

/** The page clock and the step counter, read together. */
export function stepNow(page: Page): Promise<{ t: number; step: number }> {
  return page.evaluate(() => ({
    t: performance.now(),
    step: Number(document.querySelector('[data-testid="step-count"]')?.textContent ?? NaN),
  }));
}

export function readMetric(page: Page, testId: string): Promise<number> {
  return page.evaluate((id) => {
    const v = document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-value');
    return v === null || v === undefined || v === '' ? NaN : Number(v);
  }, testId);
}

export function witness(page: Page): Promise<Witness> {
  return page.evaluate(() => (window as unknown as { __bench: Witness }).__bench);
}

/** Presses Play and returns the page time of the press. */
export async function play(page: Page): Promise<number> {
  return page.evaluate(() => {
    document.querySelector<HTMLButtonElement>('[data-testid="play"]')?.click();
    return performance.now();
  });
}
