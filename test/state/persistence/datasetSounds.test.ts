/** A saved import keeps its sounds: they come back from IndexedDB as they went in (and none when none). */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { loadDataset, saveDataset } from '../../../src/state/persistence/datasets';
import { summarise } from '../../../src/core/data/import';
import { IMAGE_LENGTH } from '../../../src/core/data/pairs';

const report = { summary: summarise([], []), rejected: [], notes: [] };
const base = {
  size: 2,
  images: new Uint8Array(2 * IMAGE_LENGTH).fill(7),
  captions: [['a'], ['b']],
  paths: ['a.png', 'b.png'],
};

describe('saved datasets with sound', () => {
  it('round-trips each image’s 16-bit sound, and a missing one as null', async () => {
    const sounds = [Int16Array.from([0, 16384, -32767]), null];
    const saved = await saveDataset('with sound', { ...base, sounds }, report);
    const loaded = await loadDataset(saved.data.id);
    expect(loaded.data.sounds).toEqual(sounds);
  });

  it('loads a dataset saved without sound with no sounds field', async () => {
    const saved = await saveDataset('silent', base, report);
    expect((await loadDataset(saved.data.id)).data.sounds).toBeUndefined();
  });
});
