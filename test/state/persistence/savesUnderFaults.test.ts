/**
 * Saving when the browser's storage fails part-way: a quota reached by the second half of a save (the
 * heavy bytes after the small record), and a tab closed while a dataset is being written. The last
 * complete save must stay readable, and nothing half-written may appear in the saved lists.
 */
import { faultyStorage } from './faultyStorage';
import { afterAll, describe, expect, it } from 'vitest';
import { listDatasets, loadDataset, saveDataset } from '../../../src/state/persistence/datasets';
import { listModels, loadModel, saveModel } from '../../../src/state/persistence/models';
import { database } from '../../../src/state/persistence/db';
import { StorageError } from '../../../src/state/persistence/storageError';
import { defaultConfig } from '../../../src/core/experiment/config';
import type { ImportReportData } from '../../../src/state/persistence/db';
import type { ModelWeights } from '../../../src/core/export/modelFile';
import { summarise } from '../../../src/core/data/import';

const storage = faultyStorage();
afterAll(() => storage.restore());

const IMAGE = 32 * 32 * 3;
const report: ImportReportData = { summary: summarise([], []), rejected: [], notes: [] };

/** n images whose bytes all equal `fill`, captioned by their index. */
function pairs(n: number, fill: number) {
  return {
    size: n,
    images: new Uint8Array(n * IMAGE).fill(fill),
    captions: Array.from({ length: n }, (_, i) => [`pair ${i}`]),
    paths: Array.from({ length: n }, (_, i) => `p${i}.png`),
  };
}

function weights(values: number, fill: number): ModelWeights {
  return {
    specs: [{ name: 'w', shape: [values], dtype: 'float32' }] as ModelWeights['specs'],
    data: new Float32Array(values).fill(fill).buffer,
    config: defaultConfig(),
    vocabulary: ['a', 'b'],
    step: 100,
    datasetName: 'shapes',
  };
}

/** Every key of a store, read straight from the database (record and bytes stores alike). */
async function keys(store: 'datasets' | 'datasetPairs' | 'models' | 'modelBytes') {
  return (await database()).getAllKeys(store);
}

async function rejection(promise: Promise<unknown>): Promise<StorageError> {
  const e = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(StorageError);
  return e as StorageError;
}

describe('a storage quota reached mid-save', () => {
  it('keeps the last complete dataset readable and lists nothing of the one that did not fit', async () => {
    const first = await saveDataset('first', pairs(10, 7), report);
    // Room for the next record (a few hundred bytes) but not for its 100 images (307,200 bytes).
    storage.setQuota(storage.used() + 10_000);
    const e = await rejection(saveDataset('second', pairs(100, 9), report));
    expect(e.problem).toBe('quota');
    expect(e.message).toContain('Everything saved before is still there.');

    expect((await listDatasets()).map((d) => d.name)).toEqual(['first']);
    expect(await keys('datasets')).toEqual([first.record.id]);
    expect(await keys('datasetPairs')).toEqual([first.record.id]);
    const reopened = await loadDataset(first.record.id);
    expect(reopened.data.images).toEqual(new Uint8Array(10 * IMAGE).fill(7));
    expect(Array.isArray(reopened.data.captions) && reopened.data.captions[9]).toEqual(['pair 9']);
    storage.setQuota(Infinity);
  });

  it('keeps the last complete weights readable', async () => {
    const first = await saveModel('first', weights(1000, 0.5));
    storage.setQuota(storage.used() + 10_000);
    const e = await rejection(saveModel('second', weights(100_000, 0.25)));
    expect(e.problem).toBe('quota');
    expect((await listModels()).map((m) => m.name)).toEqual(['first']);
    expect(await keys('modelBytes')).toEqual([first.id]);
    const reopened = await loadModel(first.id);
    expect(new Float32Array(reopened.data)).toEqual(new Float32Array(1000).fill(0.5));
    expect(reopened.step).toBe(100);
    // Once there is room again, saving works.
    storage.setQuota(Infinity);
    await saveModel('third', weights(100_000, 0.25));
    expect((await listModels()).map((m) => m.name).sort()).toEqual(['first', 'third']);
  });
});

describe('a tab closed while a dataset is written', () => {
  it('leaves no half-written dataset: record and pairs land together or not at all', async () => {
    const before = await listDatasets();
    storage.closeTabDuringWriteTo('datasetPairs');
    await rejection(saveDataset('interrupted', pairs(20, 3), report));
    // What the reloaded page sees: the datasets it had, and no record without its pairs.
    expect(await listDatasets()).toEqual(before);
    expect((await keys('datasets')).sort()).toEqual((await keys('datasetPairs')).sort());
  });
});
