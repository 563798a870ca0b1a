/** Trained weights in the browser's storage, with the config and vocabulary that rebuild their model. */
import type { ModelWeights } from '../../core/export/modelFile';
import { resolveConfig } from '../../core/experiment/config';
import { newestFirst, newId, withDb, type ModelBytes, type ModelRecord } from './db';
import { StorageError } from './storageError';

export async function saveModel(name: string, weights: ModelWeights): Promise<ModelRecord> {
  const id = newId();
  const record: ModelRecord = {
    id,
    name,
    createdAt: Date.now(),
    config: { ...weights.config },
    step: weights.step,
    datasetName: weights.datasetName,
    ...(weights.datasetId ? { datasetId: weights.datasetId } : {}),
    bytes: weights.data.byteLength,
  };
  const bytes: ModelBytes = { id, specs: weights.specs, data: weights.data, vocabulary: weights.vocabulary };
  await withDb('save the weights', async (db) => {
    const tx = db.transaction(['models', 'modelBytes'], 'readwrite');
    await Promise.all([
      tx.objectStore('models').add(record),
      tx.objectStore('modelBytes').add(bytes),
      tx.done,
    ]);
  });
  return record;
}

export function listModels(): Promise<ModelRecord[]> {
  return withDb('list the saved models', async (db) => newestFirst(await db.getAll('models')));
}

/** The saved weights with `id`, their config checked again (a StorageError when missing or unreadable). */
export async function loadModel(id: string): Promise<ModelWeights> {
  const found = await withDb('open the saved weights', async (db) => {
    const tx = db.transaction(['models', 'modelBytes'], 'readonly');
    const [record, bytes] = await Promise.all([
      tx.objectStore('models').get(id),
      tx.objectStore('modelBytes').get(id),
      tx.done,
    ]);
    return record && bytes ? { record, bytes } : null;
  });
  if (!found) throw new StorageError('missing', 'These weights are not stored in this browser.');
  const { record, bytes } = found;
  const { config, errors } = resolveConfig(record.config);
  if (errors.length)
    throw new StorageError(
      'other',
      `These weights’ settings are no longer understood: ${errors.join('; ')}.`,
    );
  return {
    specs: bytes.specs,
    data: bytes.data,
    config,
    vocabulary: bytes.vocabulary,
    step: record.step,
    datasetName: record.datasetName,
    ...(record.datasetId ? { datasetId: record.datasetId } : {}),
  };
}

export function deleteModel(id: string): Promise<void> {
  return withDb('delete the saved weights', async (db) => {
    const tx = db.transaction(['models', 'modelBytes'], 'readwrite');
    await Promise.all([
      tx.objectStore('models').delete(id),
      tx.objectStore('modelBytes').delete(id),
      tx.done,
    ]);
  });
}
