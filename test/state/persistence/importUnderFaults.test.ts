/**
 * The data library when the browser fails it: the tab reloaded while an import is under way (nothing is
 * written until the import ends, so the reloaded page lists no half dataset), and storage full when the
 * finished import is saved (the import is still trained on, the message says it is not kept, and the last
 * complete save stays readable).
 */
import { faultyStorage } from './faultyStorage';
import { afterAll, describe, expect, it } from 'vitest';
import { createController } from '../../../src/state/controller';
import { createDataLibrary } from '../../../src/state/persistence/dataLibrary';
import { listDatasets, loadDataset, saveDataset } from '../../../src/state/persistence/datasets';
import { database } from '../../../src/state/persistence/db';
import { summarise } from '../../../src/core/data/import';
import type { ImportOutcome, ImportProgress } from '../../../src/training/import/importClient';
import { FakeWorker } from '../fakeWorker';

const storage = faultyStorage();
afterAll(() => storage.restore());

const IMAGE = 32 * 32 * 3;

/** A finished import of n images, all pixels at `value`. */
function outcome(n: number, value: number): ImportOutcome {
  const captions = Array.from({ length: n }, (_, i) => [`pair ${i}`]);
  return {
    status: 'done',
    pairs: {
      size: n,
      images: new Uint8Array(n * IMAGE).fill(Math.round(value * 255)),
      captions,
      paths: captions.map((_, i) => `pairs/p${i}.png`),
      rejected: [],
      notDropped: [],
      summary: summarise(
        captions.map((c) => ({ captions: c })),
        [],
      ),
    },
    notes: [],
  };
}

/** A page: its controller on a stand-in training worker, and its library on a stand-in import worker. */
function page() {
  const controller = createController(
    { hash: '', href: 'http://localhost/app/', pathname: '/app/', search: '' },
    { replaceState: () => {} },
    { client: new FakeWorker() },
  );
  let finish: (o: ImportOutcome) => void = () => {};
  let progress: (p: ImportProgress) => void = () => {};
  const library = createDataLibrary(controller, () => ({
    start: (_files, options) => {
      progress = options?.onProgress ?? progress;
      return { result: new Promise<ImportOutcome>((resolve) => (finish = resolve)), cancel: () => {} };
    },
  }));
  return {
    controller,
    library,
    finish: (o: ImportOutcome) => finish(o),
    progress: (p: ImportProgress) => progress(p),
  };
}

const files = [{ path: 'pairs/p0.png', data: new Uint8Array([1]) }];
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the tab reloaded mid-import', () => {
  it('shows no dataset in the reloaded page, and the finished import saves one whole', async () => {
    const first = page();
    const importing = first.library.importFiles(files);
    first.progress({ phase: 'decoding', done: 500, total: 1000 });
    await settle();
    expect(first.library.state.getState().progress).toEqual({ phase: 'decoding', done: 500, total: 1000 });
    // The page reloads here: a new page on the same storage.
    const reloaded = page();
    await reloaded.library.refresh();
    expect(reloaded.library.state.getState().datasets).toEqual([]);
    expect(await (await database()).getAllKeys('datasetPairs')).toEqual([]);
    // Had it finished, the dataset is stored with all its pairs.
    first.finish(outcome(8, 1));
    await importing;
    const [saved] = await listDatasets();
    expect(saved).toMatchObject({ name: 'pairs', images: 8, captions: 8 });
    expect((await loadDataset(saved.id)).data.images).toEqual(new Uint8Array(8 * IMAGE).fill(255));
  });
});

describe('storage full when an import is saved', () => {
  it('trains on the import, says it is not kept, and keeps the last complete dataset readable', async () => {
    const before = await saveDataset(
      'earlier',
      {
        size: 4,
        images: new Uint8Array(4 * IMAGE).fill(5),
        captions: [['a'], ['b'], ['c'], ['d']],
        paths: ['a', 'b', 'c', 'd'],
      },
      { summary: summarise([], []), rejected: [], notes: [] },
    );
    const names = (await listDatasets()).map((d) => d.name).sort();
    storage.setQuota(storage.used() + 10_000); // room for a record, not for 100 images (307,200 bytes)
    const p = page();
    const importing = p.library.importFiles(files);
    p.finish(outcome(100, 0.5));
    await importing;
    const { storageMessage } = p.library.state.getState();
    expect(storageMessage).toContain('storage for the Playground is full, so this was not saved.');
    expect(storageMessage).toContain('Everything saved before is still there.');
    expect(storageMessage).toContain('The imported pairs are used, but not kept.');
    const used = p.controller.run.getState().imported;
    expect(used?.data.id).toMatch(/^unsaved-/);
    expect(used?.data.size).toBe(100);
    expect((await listDatasets()).map((d) => d.name).sort()).toEqual(names);
    expect((await loadDataset(before.record.id)).data.images).toEqual(new Uint8Array(4 * IMAGE).fill(5));
    storage.setQuota(Infinity);
  });
});
