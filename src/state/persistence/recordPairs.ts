/**
 * A saved item is two entries under one id: a small record (for the saved list) and its heavy bytes
 * (pixels, weights) in a store of their own. They are written, read and deleted together, in one
 * transaction, so the list never shows an item whose bytes are gone.
 */
import type { IDBPDatabase, StoreValue } from 'idb';
import { withDb, type PlaygroundDb } from './db';

/** Each record store and the store of its bytes. */
const BYTES_STORE = { datasets: 'datasetPairs', models: 'modelBytes' } as const;

type Schema = PlaygroundDb extends IDBPDatabase<infer S> ? S : never;
type RecordStore = keyof typeof BYTES_STORE;
export type RecordOf<S extends RecordStore> = StoreValue<Schema, S>;
export type BytesOf<S extends RecordStore> = StoreValue<Schema, (typeof BYTES_STORE)[S]>;

/** Adds a record and its bytes (which carry the same id). `doing` names the work in error messages. */
export function addRecordPair<S extends RecordStore>(
  doing: string,
  store: S,
  record: RecordOf<S>,
  bytes: BytesOf<S>,
): Promise<void> {
  return withDb(doing, async (db) => {
    const tx = db.transaction([store, BYTES_STORE[store]], 'readwrite');
    await Promise.all([
      tx.objectStore(store).add(record),
      tx.objectStore(BYTES_STORE[store]).add(bytes),
      tx.done,
    ]);
  });
}

/** The record with `id` and its bytes, or null when either is missing. */
export function getRecordPair<S extends RecordStore>(
  doing: string,
  store: S,
  id: string,
): Promise<{ record: RecordOf<S>; bytes: BytesOf<S> } | null> {
  return withDb(doing, async (db) => {
    const tx = db.transaction([store, BYTES_STORE[store]], 'readonly');
    const [record, bytes] = await Promise.all([
      tx.objectStore(store).get(id),
      tx.objectStore(BYTES_STORE[store]).get(id),
      tx.done,
    ]);
    return record && bytes ? { record, bytes } : null;
  });
}

/** Deletes the record with `id` and its bytes. */
export function deleteRecordPair(doing: string, store: RecordStore, id: string): Promise<void> {
  return withDb(doing, async (db) => {
    const tx = db.transaction([store, BYTES_STORE[store]], 'readwrite');
    await Promise.all([
      tx.objectStore(store).delete(id),
      tx.objectStore(BYTES_STORE[store]).delete(id),
      tx.done,
    ]);
  });
}
