import { beforeAll, describe, it, expect } from 'vitest';
import { tf } from '../../../src/core/tf';
import { AUDIO_FRAMES, AUDIO_LENGTH, AUDIO_MELS, audioAt, imageAt } from '../../../src/core/data/pairs';
import { generateShapeCaptions } from '../../../src/core/data/shapes/shapeCaptions';
import { shapeCaptionsWave, SOUND_ATTRIBUTES } from '../../../src/core/audio/shapeSound';
import { logMelSpectrogram } from '../../../src/core/audio/logMel';
import { TensorBatch, encodePairSet, gatherBatch } from '../../../src/core/data/batch';
import { buildVocabulary } from '../../../src/core/text/vocabulary';
import { useNodeBackend } from '../../../src/cli/nodeBackends';

const options = { seed: 11, trainSize: 40, evalSize: 24 };
const silent = generateShapeCaptions(options);
const data = generateShapeCaptions({ ...options, audio: true });

describe('ShapeCaptions sound', () => {
  it('fills audio in both sets only when asked, and changes nothing else', () => {
    expect(silent.train.audio).toBeUndefined();
    expect(silent.soundAttributes).toBeUndefined();
    expect(data.train.audio?.length).toBe(40 * AUDIO_LENGTH);
    expect(data.eval.audio?.length).toBe(24 * AUDIO_LENGTH);
    expect(data.soundAttributes).toEqual(SOUND_ATTRIBUTES);
    expect(data.train.images).toEqual(silent.train.images);
    expect(data.eval.captions).toEqual(silent.eval.captions);
    expect(data.eval.keys).toEqual(silent.eval.keys);
  });

  it("holds each item's features of the waveform rebuilt from (seed, split, index, attributes)", () => {
    const a = data.eval.attributes!;
    const i = 5;
    const attrs = { shape: a[i * 4], colour: a[i * 4 + 1], size: a[i * 4 + 2], position: a[i * 4 + 3] };
    const wave = shapeCaptionsWave(11, 'eval', i, attrs);
    expect(audioAt(data.eval, i)).toEqual(logMelSpectrogram(wave));
    expect(audioAt(data.eval, i).length).toBe(AUDIO_FRAMES * AUDIO_MELS);
    expect(() => audioAt(silent.eval, 0)).toThrow(/no sound/);
    // A view, like imageAt: no copy.
    expect(audioAt(data.eval, i).buffer).toBe(data.eval.audio!.buffer);
    expect(imageAt(data.eval, i).length).toBeGreaterThan(0);
  });

  it('is the same from the same seed and differs between train and eval items', () => {
    const again = generateShapeCaptions({ ...options, audio: true });
    expect(again.train.audio).toEqual(data.train.audio);
    expect(audioAt(data.train, 0)).not.toEqual(audioAt(data.eval, 0));
  });
});

describe('batches with sound', () => {
  const vocab = buildVocabulary(data.train.captions.flat());
  beforeAll(() => useNodeBackend('cpu'));

  it('gathers the rows of the audio column and makes [b, frames, mels] and [b, length] tensors', () => {
    const host = gatherBatch(encodePairSet(data.train, vocab), [3, 0, 7]);
    expect(host.audio?.length).toBe(3 * AUDIO_LENGTH);
    expect(host.audio!.subarray(0, AUDIO_LENGTH)).toEqual(audioAt(data.train, 3));
    expect(host.audio!.subarray(2 * AUDIO_LENGTH)).toEqual(audioAt(data.train, 7));
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const batch = new TensorBatch(host, vocab.words.length, 12);
      const cube = batch.audio();
      expect(cube.shape).toEqual([3, AUDIO_FRAMES, AUDIO_MELS]);
      expect(batch.audioFlat().shape).toEqual([3, AUDIO_LENGTH]);
      expect(batch.audio()).toBe(cube);
      // Row 1, frame 2, band 5 is the gathered item 0's value there.
      expect(cube.arraySync()[1][2][5]).toBeCloseTo(audioAt(data.train, 0)[2 * AUDIO_MELS + 5], 6);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('has no audio without sound, and says so when asked for it', () => {
    const host = gatherBatch(encodePairSet(silent.train, vocab), [0, 1]);
    expect(host.audio).toBeUndefined();
    const batch = new TensorBatch(host, vocab.words.length, 12);
    expect(() => batch.audio()).toThrow(/no sound/);
  });
});
