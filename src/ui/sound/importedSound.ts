/**
 * The sound of an imported evaluation item, looked up on the page: the page already holds the imported
 * pairs it sent the worker (16 kHz 16-bit samples per import row), and the run's evaluation set says which
 * import row each evaluation pair came from (`EvalSetInfo.sourceRows`: the worker's split is seeded and
 * shuffled, so evaluation index i is not import row i). Only the selected item's samples are turned into
 * floats, so no second copy of every sound is kept.
 */
import { fromInt16 } from '../../core/audio/decodeWav';
import { logMelSpectrogram } from '../../core/audio/logMel';
import { AUDIO_FRAMES, AUDIO_MELS, AUDIO_SAMPLE_RATE } from '../../core/data/pairs';
import { modalitiesOf } from '../../core/data/modalities';
import type { ImportedData, RunInfo } from '../../training/protocol';
import type { ItemSound } from './SoundView';

/** The parts of the imported pairs the lookup reads. */
export type ImportedSounds = Pick<ImportedData, 'size' | 'paths' | 'sounds'>;

/** The import row of evaluation item `index`, or null when the run is not on these imported pairs. */
export function importRowOf(info: RunInfo, data: ImportedSounds, index: number): number | null {
  const { config, evalSet, trainSize } = info;
  const rows = evalSet.sourceRows;
  if (config.dataset !== 'imported' || !rows || rows.length !== evalSet.size) return null;
  // Every import row is in one split: another import than the run's would not add up.
  if (trainSize + evalSet.size !== data.size) return null;
  if (!Number.isInteger(index) || index < 0 || index >= rows.length) return null;
  const row = rows[index];
  return row >= 0 && row < data.size ? row : null;
}

/**
 * Item `index`'s own sound (samples as floats, its spectrogram) and words naming its file, or null when
 * the run has no sound or the item has none.
 */
export function importedItemSound(
  info: RunInfo,
  data: ImportedSounds | null,
  index: number,
): (ItemSound & { description: string }) | null {
  if (!data?.sounds || !modalitiesOf(info.config.modalities).includes('audio')) return null;
  const row = importRowOf(info, data, index);
  const pcm = row === null ? null : data.sounds[row];
  if (row === null || !pcm || pcm.length === 0) return null;
  const samples = fromInt16(pcm);
  return {
    samples,
    sampleRate: AUDIO_SAMPLE_RATE,
    spectrogram: { values: logMelSpectrogram(samples), frames: AUDIO_FRAMES, mels: AUDIO_MELS },
    // An import with sound keeps its paths as a list (see packedPairs.ts); a row number is the fallback.
    description: `the sound imported with ${Array.isArray(data.paths) ? data.paths[row] : `import row ${row + 1}`}`,
  };
}
