/**
 * Complementary modalities: with `greyscale` the picture carries no colour, with `pitchless` a share of
 * sounds carry no colour (and no sound carries position), so every pair of modalities misses something the
 * third has. Hand-checked small cases of which attribute each modality can and cannot carry.
 */
import { describe, it, expect } from 'vitest';
import { createRng } from '../../../src/core/random/rng';
import { IMAGE_LENGTH, AUDIO_LENGTH } from '../../../src/core/data/pairs';
import { GREY_LEVEL, generateShapeCaptions } from '../../../src/core/data/shapes/shapeCaptions';
import {
  STEADY_PITCH_HZ,
  describeSound,
  isPitchless,
  shapeCaptionsWave,
  synthesizeShapeSound,
} from '../../../src/core/audio/shapeSound';
import { logMelSpectrogram } from '../../../src/core/audio/logMel';
import { resolveConfig, defaultConfig } from '../../../src/core/experiment/config';
import type { ShapeAttributes } from '../../../src/core/data/shapes/attributes';

const attrsAt = (attributes: Int32Array, i: number): ShapeAttributes => ({
  shape: attributes[i * 4],
  colour: attributes[i * 4 + 1],
  size: attributes[i * 4 + 2],
  position: attributes[i * 4 + 3],
});

describe('greyscale pictures carry no colour', () => {
  it('sets R = G = B in every pixel, noise included, and leaves shapes, keys and captions where they were', () => {
    const grey = generateShapeCaptions({ seed: 7, trainSize: 30, evalSize: 10, greyscale: true });
    const colour = generateShapeCaptions({ seed: 7, trainSize: 30, evalSize: 10 });
    let greyDiffer = 0;
    let channelsDiffer = 0;
    const g = grey.train.images;
    for (let p = 0; p < g.length; p += 3) {
      if (g[p + 1] !== g[p] || g[p + 2] !== g[p]) greyDiffer++;
      if (colour.train.images[p] !== colour.train.images[p + 1]) channelsDiffer++;
    }
    expect(greyDiffer).toBe(0);
    // The same seed in colour does differ between channels, so the check above can fail.
    expect(channelsDiffer).toBeGreaterThan(1000);
    expect(grey.train.keys).toEqual(colour.train.keys);
    expect(grey.train.captions).toEqual(colour.train.captions);
    expect(grey.eval.keys).toEqual(colour.eval.keys);
  });

  it('draws every colour at the same level: without noise each picture’s brightest pixel is GREY_LEVEL', () => {
    const grey = generateShapeCaptions({ seed: 11, trainSize: 48, evalSize: 4, noise: 0, greyscale: true });
    const seen = new Set<number>();
    for (let i = 0; i < grey.train.size; i++) {
      const image = grey.train.images.subarray(i * IMAGE_LENGTH, (i + 1) * IMAGE_LENGTH);
      // A fully covered pixel is background + 1 * (0.7 - background): 0.7 for a red shape as for a blue one.
      expect(Math.max(...image)).toBeCloseTo(GREY_LEVEL, 6);
      seen.add(grey.train.attributes![i * 4 + 1]);
    }
    expect(seen.size).toBeGreaterThan(4);
  });
});

describe('pitchless sounds carry no colour', () => {
  const red: ShapeAttributes = { shape: 1, colour: 0, size: 2, position: 4 };
  const blue: ShapeAttributes = { ...red, colour: 5 };

  it('plays red and blue as the same samples, hence the same features, when pitchless', () => {
    const a = synthesizeShapeSound(red, createRng(5), true);
    const b = synthesizeShapeSound(blue, createRng(5), true);
    expect(b).toEqual(a);
    expect(logMelSpectrogram(b)).toEqual(logMelSpectrogram(a));
    // Pitched, the same draws give different notes (220 Hz against 523 Hz).
    expect(synthesizeShapeSound(blue, createRng(5))).not.toEqual(synthesizeShapeSound(red, createRng(5)));
  });

  it('sits at the steady pitch: a sine’s zero crossings give 403.5 Hz', () => {
    const circle: ShapeAttributes = { shape: 0, colour: 7, size: 2, position: 0 };
    const wave = synthesizeShapeSound(circle, createRng(3), true);
    // Upward zero crossings in the note's steady middle (0.2 s to 0.5 s); the ±0.01 noise is far below it.
    let crossings = 0;
    for (let n = 3200; n < 8000; n++) if (wave[n - 1] < 0 && wave[n] >= 0) crossings++;
    expect(crossings / 0.3).toBeGreaterThan(STEADY_PITCH_HZ * 0.97);
    expect(crossings / 0.3).toBeLessThan(STEADY_PITCH_HZ * 1.03);
  });

  it('picks the pitchless share from the seed, and leaves pitched items’ sounds as they were', () => {
    const n = 2000;
    const flags = Array.from({ length: n }, (_, i) => isPitchless(1, 'eval', i, 0.5));
    const share = flags.filter(Boolean).length / n;
    expect(share).toBeGreaterThan(0.45);
    expect(share).toBeLessThan(0.55);
    expect(Array.from({ length: 50 }, (_, i) => isPitchless(1, 'train', i, 0)).some(Boolean)).toBe(false);
    expect(Array.from({ length: 50 }, (_, i) => isPitchless(1, 'train', i, 1)).every(Boolean)).toBe(true);
    const pitched = flags.indexOf(false);
    expect(shapeCaptionsWave(1, 'eval', pitched, red, 0.5)).toEqual(
      shapeCaptionsWave(1, 'eval', pitched, red),
    );
  });

  it('fills the dataset’s features from the pitchless sounds and drops colour from the hit rule', () => {
    const data = generateShapeCaptions({ seed: 2, trainSize: 12, evalSize: 12, audio: true, pitchless: 0.5 });
    let pitchless = 0;
    for (let i = 0; i < data.eval.size; i++) {
      const attrs = attrsAt(data.eval.attributes!, i);
      const flat = isPitchless(2, 'eval', i, 0.5);
      if (flat) pitchless++;
      // Pitchless items: the same features as the same sound in any other colour.
      const other = { ...attrs, colour: (attrs.colour + 3) % 8 };
      const expected = logMelSpectrogram(shapeCaptionsWave(2, 'eval', i, flat ? other : attrs, 0.5));
      expect(data.eval.audio!.subarray(i * AUDIO_LENGTH, (i + 1) * AUDIO_LENGTH)).toEqual(expected);
    }
    expect(pitchless).toBeGreaterThan(0);
    expect(pitchless).toBeLessThan(12);
    expect(data.soundAttributes).toEqual(['shape', 'size']);
    expect(
      generateShapeCaptions({ seed: 2, trainSize: 2, evalSize: 2, audio: true }).soundAttributes,
    ).toEqual(['shape', 'colour', 'size']);
  });

  it('says so in its description', () => {
    expect(describeSound(blue, true)).toBe('square, 404 Hz (steady: no colour), 0.62 s (large)');
    expect(describeSound(blue)).toBe('square, 523 Hz (blue), 0.62 s (large)');
  });

  it('rejects a share outside [0, 1] by name', () => {
    expect(() => generateShapeCaptions({ seed: 1, pitchless: 1.5 })).toThrow(
      /pitchless must be a number in \[0, 1\]/,
    );
  });
});

describe('settings', () => {
  it('default to colour pictures and pitched sounds, so nothing else changes', () => {
    expect(defaultConfig().greyscale).toBe(false);
    expect(defaultConfig().pitchless).toBe(0);
    const { errors } = resolveConfig({ ...defaultConfig(), pitchless: 2 });
    expect(errors.join(' ')).toMatch(/pitchless|Pitchless/);
  });
});
