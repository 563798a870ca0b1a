import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { createRng } from '../../../src/core/random/rng';
import {
  AUDIO_CLIP_SAMPLES,
  AUDIO_FRAMES,
  AUDIO_MELS,
  AUDIO_SAMPLE_RATE,
} from '../../../src/core/data/pairs';
import { ATTRIBUTE_NAMES, COLOURS, POSITIONS, SHAPES, SIZES } from '../../../src/core/data/shapes/attributes';
import type { ShapeAttributes } from '../../../src/core/data/shapes/attributes';
import {
  COLOUR_PITCH_HZ,
  SOUND_ATTRIBUTES,
  describeSound,
  shapeCaptionsWave,
  soundSeed,
  synthesizeShapeSound,
} from '../../../src/core/audio/shapeSound';
import { cycleSine } from '../../../src/core/audio/wavetable';
import { logMelSpectrogram } from '../../../src/core/audio/logMel';

const sha = (w: Float32Array): string =>
  createHash('sha256')
    .update(new Uint8Array(w.buffer, w.byteOffset, w.byteLength))
    .digest('hex');

/** Features averaged over time: what a sound is, wherever it starts. [AUDIO_MELS]. */
function meanSpectrum(wave: Float32Array): Float64Array {
  const f = logMelSpectrogram(wave);
  const m = new Float64Array(AUDIO_MELS);
  for (let t = 0; t < AUDIO_FRAMES; t++)
    for (let j = 0; j < AUDIO_MELS; j++) m[j] += f[t * AUDIO_MELS + j] / AUDIO_FRAMES;
  return m;
}

describe('cycleSine', () => {
  it('agrees with Math.sin to 1e-14 over a cycle', () => {
    let worst = 0;
    for (let i = 0; i < 10_000; i++)
      worst = Math.max(worst, Math.abs(cycleSine(i / 10_000) - Math.sin((2 * Math.PI * i) / 10_000)));
    expect(worst).toBeLessThan(1e-14);
  });
});

describe('synthesizeShapeSound', () => {
  const attrs: ShapeAttributes = { shape: 4, colour: 5, size: 1, position: 0 };

  it('makes 0.784 s at 16 kHz within [-1, 1], the same bytes from the same seed', () => {
    const a = shapeCaptionsWave(42, 'train', 3, attrs);
    expect(a.length).toBe(AUDIO_CLIP_SAMPLES);
    expect(AUDIO_CLIP_SAMPLES / AUDIO_SAMPLE_RATE).toBeCloseTo(0.784, 6);
    expect(Math.max(...a.map(Math.abs))).toBeLessThanOrEqual(1);
    expect(sha(shapeCaptionsWave(42, 'train', 3, attrs))).toBe(sha(a));
    expect(sha(shapeCaptionsWave(42, 'train', 4, attrs))).not.toBe(sha(a));
    expect(sha(shapeCaptionsWave(42, 'eval', 3, attrs))).not.toBe(sha(a));
  });

  it('keeps its bytes (a change here changes every dataset sound: the browser test compares them too)', () => {
    // Recorded from this implementation; the e2e test finds the same bytes in Chromium's worker.
    expect(sha(shapeCaptionsWave(42, 'train', 0, attrs)).slice(0, 16)).toBe('33c10022bb6d1403');
  });

  it('gives each item its own seed from (seed, split, index)', () => {
    const seeds = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      seeds.add(soundSeed(7, 'train', i));
      seeds.add(soundSeed(7, 'eval', i));
    }
    expect(seeds.size).toBe(2000);
    expect(soundSeed(2 ** 40 + 7, 'train', 0)).not.toBe(soundSeed(7, 'train', 0));
  });

  it('plays colour as pitch: a circle (pure sine) at each colour has about 2 f zero crossings per second', () => {
    COLOURS.forEach((_, colour) => {
      const wave = synthesizeShapeSound({ shape: 0, colour, size: 2, position: 4 }, createRng(colour));
      // Count sign changes between the first and last loud sample (the noise alone is ±0.01, and the note's
      // slope at a crossing is over 0.05 a sample, so the noise adds none).
      const loud = wave.map(Math.abs).map((v) => (v > 0.3 ? 1 : 0));
      const first = loud.indexOf(1);
      const last = loud.lastIndexOf(1);
      let crossings = 0;
      for (let n = first + 1; n <= last; n++) if (wave[n] > 0 !== wave[n - 1] > 0) crossings++;
      const span = last - first;
      const hz = (crossings / 2 / span) * AUDIO_SAMPLE_RATE;
      expect(Math.abs(hz / COLOUR_PITCH_HZ[colour] - 1)).toBeLessThan(0.05);
    });
  });

  it('tells shape, colour and size apart and knows nothing of position (nearest centroid on its spectrum)', () => {
    // For each attribute: in six random contexts (the other attributes fixed), five sounds per value; the
    // centroids of three per value classify the other two. A sound that carries the attribute scores near
    // 1; one that does not, near chance.
    const rng = createRng(3);
    const counts = [SHAPES.length, COLOURS.length, SIZES.length, POSITIONS.length];
    let index = 0;
    const accuracy = ATTRIBUTE_NAMES.map((name, column) => {
      let hits = 0;
      let tests = 0;
      for (let context = 0; context < 6; context++) {
        const base: ShapeAttributes = {
          shape: rng.int(SHAPES.length),
          colour: rng.int(COLOURS.length),
          size: rng.int(SIZES.length),
          position: rng.int(POSITIONS.length),
        };
        const spectra = Array.from({ length: counts[column] }, (_, v) =>
          Array.from({ length: 5 }, () =>
            meanSpectrum(shapeCaptionsWave(3, 'train', index++, { ...base, [name]: v })),
          ),
        );
        const centroids = spectra.map((list) => {
          const c = new Float64Array(AUDIO_MELS);
          for (const m of list.slice(0, 3)) m.forEach((x, j) => (c[j] += x / 3));
          return c;
        });
        spectra.forEach((list, v) =>
          list.slice(3).forEach((spectrum) => {
            const d = centroids.map((c) => c.reduce((s, x, j) => s + (x - spectrum[j]) ** 2, 0));
            tests++;
            if (d.indexOf(Math.min(...d)) === v) hits++;
          }),
        );
      }
      return hits / tests;
    });
    const [shape, colour, size, position] = accuracy;
    expect(SOUND_ATTRIBUTES).toEqual(['shape', 'colour', 'size']);
    expect(shape).toBeGreaterThan(0.95);
    expect(colour).toBeGreaterThan(0.95);
    expect(size).toBeGreaterThan(0.95);
    // Nine positions: chance is 0.11.
    expect(position).toBeLessThan(0.3);
  });

  it('describes its mapping in words', () => {
    expect(describeSound(attrs)).toBe('star, 523 Hz (blue), 0.42 s (medium)');
  });
});
