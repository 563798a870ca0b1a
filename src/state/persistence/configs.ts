/** Named experiment settings in the browser's storage. */
import type { ExperimentConfig } from '../../core/experiment/config';
import { newestFirst, newId, withDb, type ConfigRecord } from './db';

/**
 * Saves `config` under `name`. A config already saved under that name is replaced in the same
 * transaction, so a failed save leaves the old one in place.
 */
export async function saveConfig(
  name: string,
  config: ExperimentConfig,
  dataId?: string,
): Promise<ConfigRecord> {
  const record: ConfigRecord = {
    id: newId(),
    name,
    createdAt: Date.now(),
    config: { ...config },
    ...(dataId ? { dataId } : {}),
  };
  await withDb('save the settings', async (db) => {
    const tx = db.transaction('configs', 'readwrite');
    const store = tx.objectStore('configs');
    const same = (await store.getAll()).filter((r) => r.name === name);
    await store.add(record);
    for (const old of same) await store.delete(old.id);
    await tx.done;
  });
  return record;
}

export function listConfigs(): Promise<ConfigRecord[]> {
  return withDb('list the saved settings', async (db) => newestFirst(await db.getAll('configs')));
}

export function deleteConfig(id: string): Promise<void> {
  return withDb('delete the settings', (db) => db.delete('configs', id));
}
