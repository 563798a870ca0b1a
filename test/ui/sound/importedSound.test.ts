import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/core/experiment/config';
import { AUDIO_LENGTH, AUDIO_SAMPLE_RATE, IMAGE_LENGTH } from '../../../src/core/data/pairs';
import { runDataset } from '../../../src/training/runData';
import { evalSetInfo } from '../../../src/training/snapshotData';
import { importedItemSound, importRowOf } from '../../../src/ui/sound/importedSound';
import { transferablesOf, type ImportedData, type RunInfo } from '../../../src/training/protocol';

/**
 * Six imported pairs whose every column names its row: caption "row r", path "r.png", and a sound of
 * (r + 1) × 100 samples all equal to (r + 1) × 1000 (16-bit). Row 4 has no sound.
 */
function imported(): ImportedData {
  const n = 6;
  return {
    id: 'hand-built',
    name: 'Hand-built',
    size: n,
    images: new Uint8Array(n * IMAGE_LENGTH),
    captions: Array.from({ length: n }, (_, r) => [`row ${r}`]),
    paths: Array.from({ length: n }, (_, r) => `${r}.png`),
    sounds: Array.from({ length: n }, (_, r) =>
      r === 4 ? null : new Int16Array((r + 1) * 100).fill((r + 1) * 1000),
    ),
  };
}

/** The run's info as the worker builds it for these pairs (same dataset path, same split). */
async function runInfo(data: ImportedData, modalities = 'image,text,audio') {
  const { config: base } = resolveConfig({ modalities, seed: 11, evalShare: 0.5 });
  const config = { ...base, dataset: 'imported' as const };
  const dataset = await runDataset(config, 'http://localhost/', data);
  const info = { config, trainSize: dataset.train.size, evalSet: evalSetInfo(dataset) } as unknown as RunInfo;
  return { info, dataset };
}

describe("an imported evaluation item's own sound", () => {
  it('maps each evaluation index to its import row through the seeded, shuffled split', async () => {
    const data = imported();
    const { info } = await runInfo(data);
    const rows = Array.from(info.evalSet.sourceRows!);
    // evalShare 0.5 of 6 → 3 evaluation pairs; the shuffle does not leave them in import order here,
    // so reading sound i for evaluation pair i would be wrong.
    expect(rows).toHaveLength(3);
    expect(rows).not.toEqual([0, 1, 2]);
    // The rows travel to the page moved, like the set's other columns.
    expect(transferablesOf({ type: 'ready', runId: 1, info })).toContain(info.evalSet.sourceRows!.buffer);
    for (let i = 0; i < rows.length; i++) {
      // The pair the page shows as item i (its caption) is the row whose sound it plays.
      expect(info.evalSet.captions[i]).toBe(`row ${rows[i]}`);
      expect(importRowOf(info, data, i)).toBe(rows[i]);
      const sound = importedItemSound(info, data, i);
      if (rows[i] === 4) {
        expect(sound).toBeNull();
        continue;
      }
      expect(sound!.sampleRate).toBe(AUDIO_SAMPLE_RATE);
      expect(sound!.samples).toHaveLength((rows[i] + 1) * 100);
      expect(sound!.samples[0]).toBeCloseTo(((rows[i] + 1) * 1000) / 32767, 6);
      expect(sound!.description).toBe(`the sound imported with ${rows[i]}.png`);
    }
  });

  it('draws the features the encoder trained on for that item', async () => {
    // Every row with a sound, so the dataset has its audio column.
    const data = imported();
    data.sounds![4] = new Int16Array(500).fill(-3000);
    const { info, dataset } = await runInfo(data);
    for (let i = 0; i < info.evalSet.size; i++) {
      const sound = importedItemSound(info, data, i)!;
      expect(Array.from(sound.spectrogram.values)).toEqual(
        Array.from(dataset.eval.audio!.subarray(i * AUDIO_LENGTH, (i + 1) * AUDIO_LENGTH)),
      );
    }
  });

  it('finds nothing without sound in the run, for another import, or outside the set', async () => {
    const data = imported();
    const { info: noSound } = await runInfo(data, 'image,text');
    expect(importedItemSound(noSound, data, 0)).toBeNull();
    const { info } = await runInfo(data);
    expect(importedItemSound(info, { ...data, size: 7 }, 0)).toBeNull();
    expect(importedItemSound(info, null, 0)).toBeNull();
    expect(importedItemSound(info, data, 3)).toBeNull();
    expect(importedItemSound(info, data, -1)).toBeNull();
  });
});
