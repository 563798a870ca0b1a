/**
 * The sound of an evaluation item, rebuilt on the page: ShapeCaptions sounds are pure functions of the
 * run's seed, the split, the item's index and its attributes (core/audio/shapeSound.ts), so the page
 * regenerates the same samples the worker computed the item's features from, instead of the worker
 * sending every waveform (≈ 50 kB each).
 */
import { logMelSpectrogram } from '../../core/audio/logMel';
import { describeSound, isPitchless, shapeCaptionsWave } from '../../core/audio/shapeSound';
import { AUDIO_FRAMES, AUDIO_MELS, AUDIO_SAMPLE_RATE } from '../../core/data/pairs';
import { modalitiesOf } from '../../core/data/modalities';
import type { RunInfo } from '../../training/protocol';
import type { ItemSound } from './SoundView';

/** Item `index`'s sound and its words, or null when the run has no sound or the item cannot be rebuilt. */
export function evalItemSound(info: RunInfo, index: number): (ItemSound & { description: string }) | null {
  const { config, evalSet } = info;
  if (!modalitiesOf(config.modalities).includes('audio')) return null;
  // Only generated scenes can be rebuilt from their attributes; files keep their own sound.
  if (config.dataset !== 'shapes' || !evalSet.attributes || evalSet.schema?.names.length !== 4) return null;
  if (!Number.isInteger(index) || index < 0 || index >= evalSet.size) return null;
  const row = evalSet.attributes.subarray(index * 4, index * 4 + 4);
  const attrs = { shape: row[0], colour: row[1], size: row[2], position: row[3] };
  // With a pitchless share, the same items play the steady pitch as in the worker's features.
  const samples = shapeCaptionsWave(config.seed, 'eval', index, attrs, config.pitchless);
  return {
    samples,
    sampleRate: AUDIO_SAMPLE_RATE,
    spectrogram: { values: logMelSpectrogram(samples), frames: AUDIO_FRAMES, mels: AUDIO_MELS },
    description: describeSound(attrs, isPitchless(config.seed, 'eval', index, config.pitchless)),
  };
}
