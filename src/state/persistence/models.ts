/** Trained weights in the browser's storage, with the config and vocabulary that rebuild their model. */
import type { ModelWeights } from '../../core/export/modelFile';
import { resolveConfig } from '../../core/experiment/config';
import { newestFirst, newId, withDb, type ModelBytes, type ModelRecord } from './db';
import { addRecordPair, deleteRecordPair, getRecordPair } from './recordPairs';
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
  await addRecordPair('save the weights', 'models', record, bytes);
  return record;
}

export function listModels(): Promise<ModelRecord[]> {
  return withDb('list the saved models', async (db) => newestFirst(await db.getAll('models')));
}

/** The saved weights with `id`, their config checked again (a StorageError when missing or unreadable). */
export async function loadModel(id: string): Promise<ModelWeights> {
  const found = await getRecordPair('open the saved weights', 'models', id);
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
  return deleteRecordPair('delete the saved weights', 'models', id);
}
