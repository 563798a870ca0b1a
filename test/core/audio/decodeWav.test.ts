import { describe, it, expect } from 'vitest';
import * as wavefileModule from 'wavefile';
import { AUDIO_SAMPLE_RATE } from '../../../src/core/data/pairs';
import {
  MAX_AUDIO_SECONDS,
  decodeWavSound,
  fromInt16,
  isWav,
  toInt16,
} from '../../../src/core/audio/decodeWav';

const WaveFile =
  wavefileModule.WaveFile ??
  (wavefileModule as unknown as { default: typeof wavefileModule }).default.WaveFile;

/** Full-scale value of each PCM depth, and how a float in [-1, 1] is stored at that depth. */
const DEPTHS: Record<string, (v: number) => number> = {
  '8': (v) => Math.round(128 + v * 127),
  '16': (v) => Math.round(v * 32767),
  '24': (v) => Math.round(v * 8388607),
  '32': (v) => Math.round(v * 2147483647),
  '32f': (v) => v,
  '64': (v) => v,
};

/** WAV bytes of a `hz` sine at amplitude 0.5 lasting `seconds`, per channel, at `rate`, in `depth`. */
function wavBytes(
  depth: string,
  rate = AUDIO_SAMPLE_RATE,
  seconds = 0.25,
  channels = 1,
  hz = 500,
): Uint8Array {
  const n = Math.round(rate * seconds);
  const encode = DEPTHS[depth];
  const channel = (c: number) =>
    Array.from({ length: n }, (_, i) =>
      encode(0.5 * (c === 0 ? 1 : -1) * Math.sin((2 * Math.PI * hz * i) / rate)),
    );
  const w = new WaveFile();
  w.fromScratch(
    channels,
    rate,
    depth,
    channels === 1 ? channel(0) : Array.from({ length: channels }, (_, c) => channel(c)),
  );
  return w.toBuffer();
}

/** Frequency of a wave from its zero crossings (enough for a clean sine). */
function frequency(wave: Float32Array): number {
  let crossings = 0;
  for (let i = 1; i < wave.length; i++) if (wave[i] >= 0 !== wave[i - 1] >= 0) crossings++;
  return (crossings / 2 / wave.length) * AUDIO_SAMPLE_RATE;
}

describe('decodeWavSound', () => {
  for (const depth of Object.keys(DEPTHS)) {
    it(`reads ${depth === '64' ? '64-bit float' : depth === '32f' ? '32-bit float' : `${depth}-bit PCM`} at 16 kHz to the same sine`, () => {
      const out = decodeWavSound(wavBytes(depth));
      if (!out.ok) throw new Error(out.detail);
      expect(out.wave.length).toBe(4000);
      expect(out.seconds).toBeCloseTo(0.25, 6);
      // Sample 8 is sin(2 pi 500 * 8 / 16000) * 0.5 = 0.5 sin(pi / 2) = 0.5; 8-bit is the coarsest (1/127).
      expect(out.wave[8]).toBeCloseTo(0.5, depth === '8' ? 2 : 4);
      expect(out.wave[16]).toBeCloseTo(0, 2);
    });
  }

  it('mixes channels to mono by their mean: opposite channels cancel, equal ones stay', () => {
    const opposite = decodeWavSound(wavBytes('16', AUDIO_SAMPLE_RATE, 0.25, 2));
    expect(opposite).toMatchObject({ ok: false, reason: 'silent-audio' });
    const w = new WaveFile();
    w.fromScratch(2, AUDIO_SAMPLE_RATE, '16', [
      [0, 16384, 0, 0],
      [0, 16384, 0, -16384],
    ]);
    const out = decodeWavSound(w.toBuffer());
    if (!out.ok) throw new Error(out.detail);
    expect(Array.from(out.wave).map((v) => Math.round(v * 1000) / 1000)).toEqual([0, 0.5, 0, -0.25]);
  });

  it('resamples 44.1 kHz and 8 kHz to 16 kHz keeping the pitch and the length', () => {
    for (const rate of [44_100, 8_000]) {
      const out = decodeWavSound(wavBytes('16', rate, 0.5, 1, 440));
      if (!out.ok) throw new Error(out.detail);
      expect(out.sourceRate).toBe(rate);
      expect(Math.abs(out.wave.length - 8000)).toBeLessThanOrEqual(2);
      expect(Math.abs(frequency(out.wave) - 440)).toBeLessThan(10);
    }
  });

  it('names each fault: empty, not WAV, broken, truncated, silent, too long, not numbers', () => {
    /** 'reason: detail' of a refused file, or 'ok'. */
    const fault = (bytes: Uint8Array): string => {
      const out = decodeWavSound(bytes);
      return out.ok ? 'ok' : `${out.reason}: ${out.detail}`;
    };
    expect(fault(new Uint8Array(0))).toBe('empty-file: is empty (0 bytes)');
    const mp3 = Uint8Array.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(fault(mp3)).toBe('unsupported-type: is not a WAV file (only WAV sound can be read)');
    expect(fault(wavBytes('16').slice(0, 20))).toMatch(/^undecodable: could not be read as WAV/);
    const good = wavBytes('16');
    expect(fault(good.slice(0, good.length - 1000))).toBe(
      'truncated: ends after 7000 of its 8000 bytes of sound',
    );
    const silent = new WaveFile();
    silent.fromScratch(1, 16000, '16', new Array<number>(1600).fill(0));
    expect(fault(silent.toBuffer())).toMatch(/^silent-audio: is silent/);
    expect(fault(wavBytes('8', 8000, MAX_AUDIO_SECONDS + 1))).toBe(
      'too-long-audio: lasts 11.0 s (limit 10 s)',
    );
    const nan = new WaveFile();
    nan.fromScratch(1, 16000, '32f', [0.1, Number.NaN, 0.2, 0.3]);
    expect(fault(nan.toBuffer())).toMatch(/^undecodable: .*NaN/);
  });

  it('recognises WAV by its header only', () => {
    expect(isWav(wavBytes('16'))).toBe(true);
    expect(isWav(new TextEncoder().encode('RIFF....AVI LIST'))).toBe(false);
  });

  it('stores a wave as 16-bit and reads it back within half a step', () => {
    const wave = Float32Array.from([0, 0.5, -1, 1, 2]);
    const back = fromInt16(toInt16(wave));
    [0, 0.5, -1, 1, 1].forEach((v, i) => expect(Math.abs(back[i] - v)).toBeLessThan(1 / 32767));
  });
});
