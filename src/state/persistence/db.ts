/**
 * The Playground's IndexedDB database (through `idb`): imported datasets, named experiment settings,
 * trained weights, and the run in progress (one slot, see runInProgress.ts). Each saved kind keeps a
 * small record for the saved list and, apart, its heavy bytes, so listing never reads pixels or weights.
 * Writes of a record and its bytes share one transaction.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ImportNote, ImportSummary, ListedNotDropped, Rejection } from '../../core/data/import';
import type { WeightSpec } from '../../core/export/modelFile';
import type { StoredRun } from './runInProgress';
import { STORAGE_MESSAGES, StorageError, toStorageError } from './storageError';

export const DB_NAME = 'multimodal-playground';
/** 2 added the run in progress. */
const DB_VERSION = 2;

interface Saved {
  readonly id: string;
  readonly name: string;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
}

/** An imported dataset in the saved list. */
export interface DatasetRecord extends Saved {
  readonly images: number;
  readonly captions: number;
  readonly rejected: number;
  /** Bytes stored for it (pixels and captions, roughly). */
  readonly bytes: number;
}

/** The validation report of an import, kept with its pairs. */
export interface ImportReportData {
  readonly summary: ImportSummary;
  readonly rejected: readonly Rejection[];
  /** Images metadata lists that were not dropped (not rejections); absent in reports stored before. */
  readonly notDropped?: readonly ListedNotDropped[];
  readonly notes: readonly ImportNote[];
}

export interface DatasetPairs {
  readonly id: string;
  /**
   * [n, 32, 32, 3] RGB bytes: the model's input and the views' thumbnails. An import saved by the page
   * keeps them (and captions, paths) packed in Blobs, which IndexedDB stores outside the page's heap.
   */
  readonly images: Uint8Array | Blob;
  readonly captions: string[][] | Blob;
  readonly paths: string[] | Blob;
  readonly report: ImportReportData;
  /** Each image's sound, 16 kHz mono 16-bit (null where none); absent for imports without sound. */
  readonly sounds?: (Int16Array | null)[];
}

/** Named experiment settings. `config` is kept raw and checked again on opening (defaults may change). */
export interface ConfigRecord extends Saved {
  readonly config: Record<string, unknown>;
  /** The imported dataset it trains on, when it does. */
  readonly dataId?: string;
}

/** Trained weights in the saved list. */
export interface ModelRecord extends Saved {
  readonly config: Record<string, unknown>;
  readonly step: number;
  readonly datasetName: string;
  readonly datasetId?: string;
  readonly bytes: number;
}

export interface ModelBytes {
  readonly id: string;
  readonly specs: WeightSpec[];
  readonly data: ArrayBuffer;
  readonly vocabulary: string[];
}

interface PlaygroundSchema extends DBSchema {
  datasets: { key: string; value: DatasetRecord };
  datasetPairs: { key: string; value: DatasetPairs };
  configs: { key: string; value: ConfigRecord };
  models: { key: string; value: ModelRecord };
  modelBytes: { key: string; value: ModelBytes };
  runInProgress: { key: string; value: StoredRun };
}

export type PlaygroundDb = IDBPDatabase<PlaygroundSchema>;

let opening: Promise<PlaygroundDb> | null = null;

/** The open database (opened once). Rejects with a StorageError when the browser gives none. */
export function database(): Promise<PlaygroundDb> {
  opening ??= new Promise<PlaygroundDb>((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new StorageError('unavailable', STORAGE_MESSAGES.unavailable));
      return;
    }
    openDB<PlaygroundSchema>(DB_NAME, DB_VERSION, {
      upgrade(db) {
        const stores = [
          'datasets',
          'datasetPairs',
          'configs',
          'models',
          'modelBytes',
          'runInProgress',
        ] as const;
        for (const store of stores) {
          if (!db.objectStoreNames.contains(store)) db.createObjectStore(store, { keyPath: 'id' });
        }
      },
      // Another tab runs an older version and will not let go: say so instead of waiting forever.
      blocked: () => reject(new StorageError('blocked', STORAGE_MESSAGES.blocked)),
      terminated: () => {
        opening = null;
      },
    }).then((db) => {
      // A newer version of the app in another tab wants to upgrade: let it, and reopen on next use.
      db.addEventListener('versionchange', () => {
        db.close();
        opening = null;
      });
      resolve(db);
    }, reject);
  }).catch((e: unknown) => {
    opening = null;
    throw toStorageError(e, 'open the browser’s storage');
  });
  return opening;
}

/** Runs `work` on the database, turning any failure into a StorageError that says what was being done. */
export async function withDb<T>(doing: string, work: (db: PlaygroundDb) => Promise<T>): Promise<T> {
  try {
    return await work(await database());
  } catch (e) {
    throw toStorageError(e, doing);
  }
}

/** A new record id: random, so ids from two browsers never collide in a shared link. */
export function newId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Newest first. */
export function newestFirst<T extends Saved>(list: T[]): T[] {
  return list.sort((a, b) => b.createdAt - a.createdAt);
}
