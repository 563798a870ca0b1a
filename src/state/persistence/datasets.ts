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
