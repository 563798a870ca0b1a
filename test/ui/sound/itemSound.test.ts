import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/core/experiment/config';
import { generateShapeCaptions } from '../../../src/core/data/shapes/shapeCaptions';
import { AUDIO_FRAMES, AUDIO_LENGTH, AUDIO_MELS, AUDIO_SAMPLE_RATE } from '../../../src/core/data/pairs';
import { evalItemSound } from '../../../src/ui/sound/itemSound';
import { retrieveAcross } from '../../../src/ui/views/anyRetrieval';
import type { RunInfo, Snapshot } from '../../../src/training/protocol';

function info(modalities: string, dataset = 'shapes'): RunInfo {
  const { config } = resolveConfig({ modalities, seed: 7, evalSize: 16, trainSize: 32 });
  const data = generateShapeCaptions({
    seed: 7,
    trainSize: 32,
    evalSize: 16,
    noise: 0,
    captionOmit: 0,
    audio: true,
  });
  return {
    config: { ...config, dataset },
    evalSet: {
      size: data.eval.size,
      images: new Uint8Array(0),
      captions: [],
      keys: data.eval.keys,
      heldOut: data.eval.heldOut,
      schema: data.schema,
      attributes: data.eval.attributes,
    },
  } as unknown as RunInfo;
}

describe("an evaluation item's sound on the page", () => {
  it('rebuilds exactly the sound the dataset computed the item’s features from', () => {
    const data = generateShapeCaptions({
      seed: 7,
      trainSize: 32,
      evalSize: 16,
      noise: 0,
      captionOmit: 0,
      audio: true,
    });
    const sound = evalItemSound(info('image,text,audio'), 5)!;
    expect(sound.sampleRate).toBe(AUDIO_SAMPLE_RATE);
    expect(sound.spectrogram.frames * sound.spectrogram.mels).toBe(AUDIO_FRAMES * AUDIO_MELS);
    // The features the encoder trained on for eval item 5, value for value.
    expect(Array.from(sound.spectrogram.values)).toEqual(
      Array.from(data.eval.audio!.subarray(5 * AUDIO_LENGTH, 6 * AUDIO_LENGTH)),
    );
    expect(sound.description).toMatch(/Hz/);
  });

  it('is absent without sound, for files, and out of range', () => {
    expect(evalItemSound(info('image,text'), 0)).toBeNull();
    expect(evalItemSound(info('image,audio', 'emoji'), 0)).toBeNull();
    expect(evalItemSound(info('image,audio'), 16)).toBeNull();
  });
});

describe('retrieval between any two modalities', () => {
  // Three items, d = 2. Sounds: item 0 → (1,0), 1 → (0,1), 2 → (0.6,0.8). Captions: (0,1), (1,0), (0.8,0.6).
  const snapshot = {
    dim: 2,
    image: new Float32Array(6),
    text: Float32Array.from([0, 1, 1, 0, 0.8, 0.6]),
    codes: { audio: Float32Array.from([1, 0, 0, 1, 0.6, 0.8]) },
    metrics: { modalities: ['image', 'text', 'audio'] },
  } as unknown as Snapshot;

  it('ranks the gallery by cosine to the query item, best first', () => {
    // Sound of item 0 (1,0) against captions: item 1 scores 1, item 2 0.8, item 0 0.
    expect(retrieveAcross(snapshot, 'audio', 'text', 0, 3)).toEqual([
      { index: 1, score: 1 },
      { index: 2, score: expect.closeTo(0.8, 6) as number },
      { index: 0, score: 0 },
    ]);
    expect(retrieveAcross(snapshot, 'text', 'audio', 2, 1)[0]).toEqual({
      index: 2,
      score: expect.closeTo(0.96, 6) as number,
    });
  });

  it('returns nothing for a modality the snapshot lacks', () => {
    const plain = { ...snapshot, codes: undefined } as unknown as Snapshot;
    expect(retrieveAcross(plain, 'audio', 'text', 0, 3)).toEqual([]);
  });
});
