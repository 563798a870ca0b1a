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
import { StorageError } from './storageError';

/** An imported dataset as the app holds it: the pairs the worker trains on, and the import's report. */
export interface StoredDataset {
  readonly record: DatasetRecord;
  readonly data: ImportedData;
  readonly report: ImportReportData;
}

function byteSize(data: Omit<ImportedData, 'id'>): number {
  let text = 0;
  for (const c of data.captions) for (const s of c) text += s.length * 2;
  for (const p of data.paths) text += p.length * 2;
  return data.images.byteLength + text;
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
    captions: data.captions.reduce((n, c) => n + c.length, 0),
    rejected: report.summary.rejectedTotal,
    bytes: byteSize({ ...data, name }),
  };
  const pairs: DatasetPairs = { id, images: data.images, captions: data.captions, paths: data.paths, report };
  await withDb('save the dataset', async (db) => {
    const tx = db.transaction(['datasets', 'datasetPairs'], 'readwrite');
    await Promise.all([
      tx.objectStore('datasets').add(record),
      tx.objectStore('datasetPairs').add(pairs),
      tx.done,
    ]);
  });
  return { record, data: { ...data, id, name }, report };
}

export function listDatasets(): Promise<DatasetRecord[]> {
  return withDb('list the saved datasets', async (db) => newestFirst(await db.getAll('datasets')));
}

/** The dataset with `id`; a StorageError of kind 'missing' when this browser does not have it. */
export async function loadDataset(id: string): Promise<StoredDataset> {
  const found = await withDb('open the dataset', async (db) => {
    const tx = db.transaction(['datasets', 'datasetPairs'], 'readonly');
    const [record, pairs] = await Promise.all([
      tx.objectStore('datasets').get(id),
      tx.objectStore('datasetPairs').get(id),
      tx.done,
    ]);
    return record && pairs ? { record, pairs } : null;
  });
  if (!found) throw new StorageError('missing', 'This dataset is not stored in this browser.');
  const { record, pairs } = found;
  return {
    record,
    data: {
      id,
      name: record.name,
      size: record.images,
      images: pairs.images,
      captions: pairs.captions,
      paths: pairs.paths,
    },
    report: pairs.report,
  };
}

export function deleteDataset(id: string): Promise<void> {
  return withDb('delete the dataset', async (db) => {
    const tx = db.transaction(['datasets', 'datasetPairs'], 'readwrite');
    await Promise.all([
      tx.objectStore('datasets').delete(id),
      tx.objectStore('datasetPairs').delete(id),
      tx.done,
    ]);
  });
}
