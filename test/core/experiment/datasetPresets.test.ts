import { describe, expect, it } from 'vitest';
import { defaultConfig, resolveConfig } from '../../../src/core/experiment/config';
import { DATASET_PRESETS, datasetPreset, switchDataset } from '../../../src/core/experiment/datasetPresets';

describe('dataset presets', () => {
  it('are valid settings, and shapes keeps the defaults', () => {
    for (const preset of Object.values(DATASET_PRESETS)) {
      const { config, errors } = resolveConfig(preset);
      expect(errors).toEqual([]);
      expect(config).toMatchObject(preset);
    }
    expect(DATASET_PRESETS.shapes).toEqual({});
    expect(DATASET_PRESETS.emoji).toEqual({ batchSize: 128, evalSize: 512, evalEvery: 20 });
  });

  it('switching to emoji brings its settings and keeps the rest', () => {
    const config = { ...defaultConfig(), lr: 0.01, seed: 7 };
    expect(switchDataset(config, 'emoji')).toEqual({
      dataset: 'emoji',
      batchSize: 128,
      evalSize: 512,
      evalEvery: 20,
    });
  });

  it('switching back restores the defaults that are still as emoji recommends', () => {
    const onEmoji = { ...defaultConfig(), dataset: 'emoji' as const, ...DATASET_PRESETS.emoji };
    expect(switchDataset(onEmoji, 'shapes')).toEqual({
      dataset: 'shapes',
      batchSize: 64,
      evalSize: 512,
      evalEvery: 25,
    });
    expect(switchDataset(onEmoji, 'imported')).toMatchObject({ batchSize: 64, evalEvery: 25 });
  });

  it('keeps a value the user chose by hand', () => {
    const chosen = { ...defaultConfig(), batchSize: 32 };
    expect(switchDataset(chosen, 'emoji')).toEqual({ dataset: 'emoji', evalSize: 512, evalEvery: 20 });
    const onEmoji = { ...defaultConfig(), dataset: 'emoji' as const, batchSize: 256, evalSize: 512 };
    // Batch 256 and evaluation every 25 steps were chosen on emoji: they stay.
    expect(switchDataset(onEmoji, 'shapes')).toEqual({ dataset: 'shapes', evalSize: 512 });
  });

  it('is empty for a name that is not a dataset', () => {
    expect(datasetPreset('emoji')).toBe(DATASET_PRESETS.emoji);
    expect(datasetPreset('toString')).toEqual({});
    expect(datasetPreset(undefined)).toEqual({});
  });
});
