/**
 * Two tabs on the same page keep their runs in separate slots: a reload of a tab goes on with its own
 * run, a new tab with the newest, and old slots are dropped beyond MAX_SLOTS. Each "tab" is a fresh
 * copy of the modules with its own sessionStorage, over one in-memory IndexedDB.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../../src/core/experiment/config';
import type { SavedRun } from '../../../src/state/persistence/runInProgress';

/** A tab's sessionStorage: survives the tab's reloads, is its own. */
const tabStorage = () => {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  };
};

/** The page loaded in the tab whose sessionStorage is `storage`: fresh modules, as after a reload. */
async function openTab(storage: ReturnType<typeof tabStorage>) {
  vi.resetModules();
  vi.stubGlobal('sessionStorage', storage);
  return import('../../../src/state/persistence/runInProgress');
}

const run = (step: number, savedAt: number): SavedRun => ({
  config: defaultConfig(),
  backendChoice: 'auto',
  targetSteps: 600,
  step,
  history: [],
  weights: {
    specs: [],
    data: new ArrayBuffer(4),
    config: defaultConfig(),
    vocabulary: ['a'],
    step,
    datasetName: 'shapes',
  },
  savedAt,
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the run in progress with several tabs', () => {
  it('keeps each tab its own run; a new tab goes on with the newest; old slots are dropped', async () => {
    const a = tabStorage();
    const b = tabStorage();
    await (await openTab(a)).saveRunInProgress(run(10, 1));
    // The second tab opens with the newest kept run (the first tab's), then keeps its own.
    const tabB = await openTab(b);
    expect((await tabB.loadRunInProgress())?.step).toBe(10);
    await tabB.saveRunInProgress(run(30, 2));
    // Reloads: each tab finds its own run, whichever saved last.
    expect((await (await openTab(a)).loadRunInProgress())?.step).toBe(10);
    expect((await (await openTab(b)).loadRunInProgress())?.step).toBe(30);
    expect((await (await openTab(tabStorage())).loadRunInProgress())?.step).toBe(30);

    for (let i = 0; i < 5; i++) await (await openTab(tabStorage())).saveRunInProgress(run(100 + i, 10 + i));
    const opened = await openTab(tabStorage());
    expect((await opened.loadRunInProgress())?.step).toBe(104);
    const { database } = await import('../../../src/state/persistence/db');
    const kept = await (await database()).getAll('runInProgress');
    expect(kept.map((r) => r.step).sort((x, y) => x - y)).toEqual([101, 102, 103, 104]);
  });
});
