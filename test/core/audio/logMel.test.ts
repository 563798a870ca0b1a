import { describe, it, expect } from 'vitest';
import {
  AUDIO_CLIP_SAMPLES,
  AUDIO_FRAMES,
  AUDIO_LENGTH,
  AUDIO_MELS,
  AUDIO_SAMPLE_RATE,
} from '../../../src/core/data/pairs';
import {
  BINS,
  FFT_SIZE,
  frameStarts,
  hannWindow,
  hzToMel,
  logMelSpectrogram,
  melFilterbank,
  melToHz,
  powerSpectrum,
} from '../../../src/core/audio/logMel';

/** A sinusoid of `amplitude` at `hz`, `n` samples at 16 kHz (Math.sin is fine here: only features are tested). */
function tone(hz: number, amplitude: number, n = AUDIO_CLIP_SAMPLES): Float32Array {
  return Float32Array.from(
    { length: n },
    (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / AUDIO_SAMPLE_RATE),
  );
}

describe('powerSpectrum', () => {
  it('matches a 4-point DFT worked by hand', () => {
    // x = [1, 2, 3, 4], window of ones (sum 4): X0 = 10, X1 = 1 - 2i - 3 + 4i = -2 + 2i, X2 = 1 - 2 + 3 - 4 = -2.
    // Power / 4^2: 100/16, 8/16, 4/16.
    const p = powerSpectrum([1, 2, 3, 4], [1, 1, 1, 1]);
    expect(Array.from(p)).toEqual([6.25, 0.5, 0.25]);
  });

  it('puts A^2/4 in the bin of a bin-centred sinusoid and A^2/16 in each neighbour (Hann leakage)', () => {
    const k = 16; // 16 * 16000 / 512 = 500 Hz
    const p = powerSpectrum(tone((k * AUDIO_SAMPLE_RATE) / FFT_SIZE, 0.5, FFT_SIZE), hannWindow(FFT_SIZE));
    // The tone is rounded to float32, so agreement is to about 1e-9.
    expect(p[k]).toBeCloseTo(0.0625, 8);
    expect(p[k - 1]).toBeCloseTo(0.015625, 8);
    expect(p[k + 1]).toBeCloseTo(0.015625, 8);
    const elsewhere = Array.from(p).filter((_, b) => Math.abs(b - k) > 1);
    expect(Math.max(...elsewhere)).toBeLessThan(1e-12);
  });
});

describe('hannWindow', () => {
  it('is the periodic Hann window: [0, 0.5, 1, 0.5] for n = 4', () => {
    const w = Array.from(hannWindow(4));
    [0, 0.5, 1, 0.5].forEach((v, i) => expect(w[i]).toBeCloseTo(v, 14));
  });
});

describe('melFilterbank', () => {
  const bank = melFilterbank(AUDIO_MELS, FFT_SIZE, AUDIO_SAMPLE_RATE);

  it('uses the HTK mel scale: mel(700 Hz) = 2595 log10(2), and melToHz inverts it', () => {
    expect(hzToMel(700)).toBeCloseTo(2595 * Math.log10(2), 10);
    expect(melToHz(hzToMel(1234.5))).toBeCloseTo(1234.5, 8);
  });

  it('has triangles peaking below 1 that cover every bin up to the last edge, each with a non-zero bin', () => {
    expect(bank.length).toBe(AUDIO_MELS * BINS);
    for (let j = 0; j < AUDIO_MELS; j++) {
      const row = bank.subarray(j * BINS, (j + 1) * BINS);
      expect(Math.max(...row)).toBeLessThanOrEqual(1);
      expect(Math.max(...row)).toBeGreaterThan(0.3);
    }
    // Bins 1 .. 255 lie inside some filter (bin 0 at 0 Hz and bin 256 at 8 kHz are the outer edges).
    for (let k = 1; k < BINS - 1; k++) {
      let s = 0;
      for (let j = 0; j < AUDIO_MELS; j++) s += bank[j * BINS + k];
      expect(s).toBeGreaterThan(0);
    }
  });

  it('weights 468.75, 500 and 531.25 Hz in filter 8 as worked by hand', () => {
    // Edges j = 8, 9, 10 sit at melToHz(2840.0230 j / 41) = 444.5734, 517.1297, 594.2854 Hz.
    // Rising: (468.75 - 444.5734) / 72.5563 = 0.33321, (500 - 444.5734) / 72.5563 = 0.76391;
    // falling: (594.2854 - 531.25) / 77.1557 = 0.81699.
    expect(bank[8 * BINS + 15]).toBeCloseTo(0.33321, 4);
    expect(bank[8 * BINS + 16]).toBeCloseTo(0.76391, 4);
    expect(bank[8 * BINS + 17]).toBeCloseTo(0.81699, 4);
  });
});

describe('logMelSpectrogram', () => {
  it('puts a 500 Hz tone of amplitude 0.5 in mel bands 7-9 with the energies worked by hand', () => {
    // Bins 15, 16, 17 hold 0.25/16, 0.25/4, 0.25/16. Band 8: 0.33321 * 0.015625 + 0.76391 * 0.0625 +
    // 0.81699 * 0.015625 = 0.065716 -> (log10(0.065716 + 1e-6) + 3) / 3 = 0.60589. Band 7 (weights 0.66679,
    // 0.23609, 0): 0.025174 -> 0.46699. Band 9 (0, 0, 0.18301): 0.0028595 -> 0.15215. Others: silence, -1.
    const f = logMelSpectrogram(tone(500, 0.5));
    expect(f.length).toBe(AUDIO_LENGTH);
    for (let frame = 0; frame < AUDIO_FRAMES; frame++) {
      const row = f.subarray(frame * AUDIO_MELS, (frame + 1) * AUDIO_MELS);
      expect(row[8]).toBeCloseTo(0.60589, 4);
      expect(row[7]).toBeCloseTo(0.46699, 4);
      expect(row[9]).toBeCloseTo(0.15215, 4);
      expect(row[3]).toBeCloseTo(-1, 4);
      expect(row[20]).toBeCloseTo(-1, 4);
    }
  });

  it('lays frames out in time: a tone that starts half way is silent (-1) in the early frames', () => {
    const wave = new Float32Array(AUDIO_CLIP_SAMPLES);
    wave.set(tone(500, 0.5, AUDIO_CLIP_SAMPLES / 2), AUDIO_CLIP_SAMPLES / 2);
    const f = logMelSpectrogram(wave);
    expect(f[0 * AUDIO_MELS + 8]).toBe(-1);
    expect(f[(AUDIO_FRAMES - 1) * AUDIO_MELS + 8]).toBeCloseTo(0.60589, 4);
  });

  it('spreads the frames over a sound longer than the clip, and pads a shorter one with silence', () => {
    expect(frameStarts(AUDIO_CLIP_SAMPLES)[AUDIO_FRAMES - 1]).toBe(AUDIO_CLIP_SAMPLES - FFT_SIZE);
    const long = frameStarts(48_000);
    expect(long[0]).toBe(0);
    expect(long[AUDIO_FRAMES - 1]).toBe(48_000 - FFT_SIZE);
    const short = logMelSpectrogram(tone(500, 0.5, 4000));
    expect(short[0 * AUDIO_MELS + 8]).toBeCloseTo(0.60589, 4);
    expect(short[(AUDIO_FRAMES - 1) * AUDIO_MELS + 8]).toBe(-1);
  });

  it('writes into a shared array at an offset without touching the rest', () => {
    const out = new Float32Array(3 * AUDIO_LENGTH).fill(7);
    logMelSpectrogram(tone(500, 0.5), out, AUDIO_LENGTH);
    expect(out[0]).toBe(7);
    expect(out[2 * AUDIO_LENGTH]).toBe(7);
    expect(out[AUDIO_LENGTH + 8]).toBeCloseTo(0.60589, 4);
  });
});
