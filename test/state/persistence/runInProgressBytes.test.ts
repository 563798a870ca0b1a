/**
 * The run in progress keeps the weights' and Adam's bytes as Blobs (a `put` then clones them by
 * reference, not byte by byte on the UI thread), and gives back the very bytes on load; a run kept with
 * ArrayBuffers (by an earlier version of the app) still loads.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../../src/core/experiment/config';
import type { SavedRun, StoredRun } from '../../../src/state/persistence/runInProgress';

const bytes = (...values: number[]) => new Float32Array(values).buffer;

const run = (): SavedRun => ({
  config: defaultConfig(),
  backendChoice: 'auto',
  targetSteps: 600,
  step: 50,
  history: [],
  weights: {
    specs: [{ name: 'w', shape: [3], dtype: 'float32' }],
    data: bytes(1.5, -2, 0.25),
    config: defaultConfig(),
    vocabulary: ['a'],
    step: 50,
    datasetName: 'shapes',
  },
  resume: {
    position: {
      step: 50,
      order: new Int32Array([2, 0, 1]),
      cursor: 1,
      batchRng: [1, 2, 3, 4, null],
      lossRng: [5, 6, 7, 8, null],
    },
    optimizer: { specs: [], data: bytes(7, 8, 9, 10) },
  },
  savedAt: 1000,
});

async function freshModules() {
  vi.resetModules();
  const items = new Map<string, string>();
  vi.stubGlobal('sessionStorage', {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  });
  return {
    store: await import('../../../src/state/persistence/runInProgress'),
    db: await import('../../../src/state/persistence/db'),
  };
}

const stored = async (db: Awaited<ReturnType<typeof freshModules>>['db']): Promise<StoredRun[]> =>
  db.withDb('read', (d) => d.getAll('runInProgress'));

describe('the run in progress in storage', () => {
  it('stores the weights and Adam as Blobs and loads the same bytes back', async () => {
    const { store, db } = await freshModules();
    await store.saveRunInProgress(run());
    const [record] = await stored(db);
    expect(record.weights.data).toBeInstanceOf(Blob);
    expect(record.resume?.optimizer.data).toBeInstanceOf(Blob);
    expect((record.weights.data as Blob).size).toBe(12);

    const loaded = await store.loadRunInProgress();
    expect(loaded?.weights.data).toBeInstanceOf(ArrayBuffer);
    expect([...new Float32Array(loaded!.weights.data)]).toEqual([1.5, -2, 0.25]);
    expect([...new Float32Array(loaded!.resume!.optimizer.data)]).toEqual([7, 8, 9, 10]);
    expect([...loaded!.resume!.position.order]).toEqual([2, 0, 1]);
    expect(loaded?.step).toBe(50);
    await db.withDb('clear', (d) => d.clear('runInProgress'));
  });

  it('keeps weights larger than one chunk byte for byte', async () => {
    const { store, db } = await freshModules();
    const values = Float32Array.from({ length: (store.BLOB_CHUNK_BYTES * 2.5) / 4 }, (_, i) => i);
    const big = run();
    await store.saveRunInProgress({ ...big, weights: { ...big.weights, data: values.buffer } });
    const [record] = await stored(db);
    expect((record.weights.data as Blob).size).toBe(store.BLOB_CHUNK_BYTES * 2.5);
    const loaded = new Float32Array((await store.loadRunInProgress())!.weights.data);
    expect(loaded.length).toBe(values.length);
    expect([loaded[0], loaded[262143], loaded[262144], loaded[655359]]).toEqual([0, 262143, 262144, 655359]);
    expect(loaded.every((v, i) => v === i)).toBe(true);
    await db.withDb('clear', (d) => d.clear('runInProgress'));
  });

  it('loads a run kept with ArrayBuffers by an earlier version', async () => {
    const { store, db } = await freshModules();
    const old = run();
    await db.withDb('write', (d) => d.put('runInProgress', { ...old, savedAt: 2000, id: 'older-version' }));
    const loaded = await store.loadRunInProgress();
    expect([...new Float32Array(loaded!.weights.data)]).toEqual([1.5, -2, 0.25]);
    expect([...new Float32Array(loaded!.resume!.optimizer.data)]).toEqual([7, 8, 9, 10]);
    await db.withDb('clear', (d) => d.clear('runInProgress'));
  });
});
