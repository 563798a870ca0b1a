/** Imported datasets in the browser's storage: their pairs, thumbnails (the pairs' 32x32 images) and report. */
import type { ImportedData } from '../../training/protocol';
import {
  newestFirst,
  newId,
  withDb,
  type DatasetPairs,
  type DatasetRecord,
  type ImportReportData,
} from './db';
import { addRecordPair, deleteRecordPair, getRecordPair } from './recordPairs';
import { StorageError } from './storageError';

/** An imported dataset as the app holds it: the pairs the worker trains on, and the import's report. */
export interface StoredDataset {
  readonly record: DatasetRecord;
  readonly data: ImportedData;
  readonly report: ImportReportData;
}

/** A column's bytes: a packed one's Blob size, or two bytes per character of its strings. */
function textSize(column: readonly (string | readonly string[])[] | Blob): number {
  if (column instanceof Blob) return column.size;
  let n = 0;
  for (const c of column) for (const s of typeof c === 'string' ? [c] : c) n += s.length * 2;
  return n;
}

function byteSize(data: Omit<ImportedData, 'id' | 'name'>): number {
  const images = data.images instanceof Blob ? data.images.size : data.images.byteLength;
  return images + textSize(data.captions) + textSize(data.paths);
}

/** Stores a new dataset (record and pairs in one transaction) and returns it with its id. */
export async function saveDataset(
  name: string,
  data: Omit<ImportedData, 'id' | 'name'>,
  report: ImportReportData,
): Promise<StoredDataset> {
  const id = newId();
  const record: DatasetRecord = {
    id,
    name,
    createdAt: Date.now(),
    images: data.size,
    // Packed captions are counted by the report (the import counted the pairs it kept).
    captions:
      data.captions instanceof Blob
        ? report.summary.captions
        : data.captions.reduce((n, c) => n + c.length, 0),
    rejected: report.summary.rejectedTotal,
    bytes: byteSize(data),
  };
  const pairs: DatasetPairs = {
    id,
    images: data.images,
    captions: data.captions,
    paths: data.paths,
    report,
    ...(data.sounds ? { sounds: data.sounds } : {}),
  };
  await addRecordPair('save the dataset', 'datasets', record, pairs);
  return { record, data: { ...data, id, name }, report };
}

export function listDatasets(): Promise<DatasetRecord[]> {
  return withDb('list the saved datasets', async (db) => newestFirst(await db.getAll('datasets')));
}

/** The dataset with `id`; a StorageError of kind 'missing' when this browser does not have it. */
export async function loadDataset(id: string): Promise<StoredDataset> {
  const found = await getRecordPair('open the dataset', 'datasets', id);
  if (!found) throw new StorageError('missing', 'This dataset is not stored in this browser.');
  const { record, bytes: pairs } = found;
  return {
    record,
    data: {
      id,
      name: record.name,
      size: record.images,
      images: pairs.images,
      captions: pairs.captions,
      paths: pairs.paths,
      ...(pairs.sounds ? { sounds: pairs.sounds } : {}),
    },
    report: pairs.report,
  };
}

export function deleteDataset(id: string): Promise<void> {
  return deleteRecordPair('delete the dataset', 'datasets', id);
}
