/**
 * Log-mel spectrogram: the features every audio encoder reads. Output [AUDIO_FRAMES, AUDIO_MELS] per
 * sound, frame-major (row f holds the 40 band energies of frame f, low bands first).
 *
 * - Frames: 512-sample periodic Hann windows (32 ms at 16 kHz), hop 256 (16 ms). A sound of at most
 *   AUDIO_CLIP_SAMPLES is zero-padded at the end to that length; a longer one gets its AUDIO_FRAMES
 *   windows spread evenly over its whole length (start of frame f = round(f (n - 512) / 47)), so the
 *   whole sound is seen at a coarser time step rather than cut.
 * - Power: |DFT of the windowed frame|^2 / (sum of the window)^2, so a sinusoid of amplitude A at a bin's
 *   centre frequency puts A^2 / 4 in that bin (and A^2 / 16 in each neighbour, the Hann window's leakage).
 * - Mel bands: 40 triangles equally spaced on the HTK mel scale, mel(f) = 2595 log10(1 + f / 700), from
 *   0 Hz to 8 kHz, each peaking at 1 (no area normalisation), weights on the 257 bin frequencies.
 * - Normalisation: feature = (log10(band energy + 1e-6) + 3) / 3. The 1e-6 floor (-60 dB) maps silence
 *   to -1 and a full-scale tone's band to about +0.9: a fixed map, the same for every set and item.
 *
 * The FFT is fft.js 4.0.4 (MIT): plain JavaScript with no WebAssembly to load in a worker, a radix-4
 * real transform (about 2 µs per 512-point frame here), and the most used FFT on npm; meyda computes
 * the same features but brings a Web Audio analyser and its own older FFT that the project does not need.
 */
import FFT from 'fft.js';
import { AUDIO_CLIP_SAMPLES, AUDIO_FRAMES, AUDIO_LENGTH, AUDIO_MELS, AUDIO_SAMPLE_RATE } from '../data/pairs';
import { cycleSine } from './wavetable';

export const FFT_SIZE = 512;
export const HOP = 256;
/** Frequency bins of a real FFT of FFT_SIZE: 0 .. FFT_SIZE / 2. */
export const BINS = FFT_SIZE / 2 + 1;
/** Band energy floor inside the log, and the affine map to about [-1, 1]. */
export const LOG_FLOOR = 1e-6;

/** HTK mel scale. */
export const hzToMel = (hz: number): number => 2595 * Math.log10(1 + hz / 700);
export const melToHz = (mel: number): number => 700 * (10 ** (mel / 2595) - 1);

/** Periodic Hann window: w[i] = 0.5 - 0.5 cos(2 pi i / n) (cos from the deterministic sine). */
export function hannWindow(n: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = 0.5 - 0.5 * cycleSine((i / n + 0.25) % 1);
  return w;
}

/**
 * Triangular mel filters: [nMels, fftSize / 2 + 1] weights, row-major. Filter j rises from edge j to
 * edge j + 1 and falls to edge j + 2, where the nMels + 2 edges are equally spaced in mel from 0 Hz to
 * sampleRate / 2; bin k sits at k * sampleRate / fftSize Hz.
 */
export function melFilterbank(nMels: number, fftSize: number, sampleRate: number): Float64Array {
  const bins = fftSize / 2 + 1;
  const top = hzToMel(sampleRate / 2);
  const edges = Array.from({ length: nMels + 2 }, (_, i) => melToHz((top * i) / (nMels + 1)));
  const w = new Float64Array(nMels * bins);
  for (let j = 0; j < nMels; j++) {
    const [lo, mid, hi] = [edges[j], edges[j + 1], edges[j + 2]];
    for (let k = 0; k < bins; k++) {
      const f = (k * sampleRate) / fftSize;
      const v = f <= mid ? (f - lo) / (mid - lo) : (hi - f) / (hi - mid);
      w[j * bins + k] = Math.max(0, v);
    }
  }
  return w;
}

/**
 * Power spectrum of one frame: out[k] = |sum_n window[n] frame[n] e^(-2 pi i k n / N)|^2 / (sum window)^2
 * for k = 0 .. N / 2. frame, window: [N], N a power of two >= 4 (fft.js). out: [N / 2 + 1].
 */
export function powerSpectrum(
  frame: ArrayLike<number>,
  window: ArrayLike<number>,
  out = new Float64Array(frame.length / 2 + 1),
  work = spectrumWork(frame.length),
): Float64Array {
  const n = frame.length;
  const { fft, input, spectrum } = work;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    input[i] = frame[i] * window[i];
    sum += window[i];
  }
  fft.realTransform(spectrum, input);
  const scale = 1 / (sum * sum);
  for (let k = 0; k <= n / 2; k++) {
    const re = spectrum[2 * k];
    const im = spectrum[2 * k + 1];
    out[k] = (re * re + im * im) * scale;
  }
  return out;
}

/** An FFT of size n with its input and output buffers, reused across frames. */
export interface SpectrumWork {
  fft: FFT;
  input: Float64Array;
  /** Interleaved re, im: [2 n]. */
  spectrum: Float64Array;
}

export function spectrumWork(n: number): SpectrumWork {
  return { fft: new FFT(n), input: new Float64Array(n), spectrum: new Float64Array(2 * n) };
}

/** The shared pieces of the transform, built once. */
let shared: { work: SpectrumWork; window: Float64Array; bank: Float64Array; span: Int32Array } | null = null;
function parts() {
  if (shared) return shared;
  const bank = melFilterbank(AUDIO_MELS, FFT_SIZE, AUDIO_SAMPLE_RATE);
  // First and last non-zero bin per filter: the band sums skip the zeros (most of each row).
  const span = new Int32Array(2 * AUDIO_MELS);
  for (let j = 0; j < AUDIO_MELS; j++) {
    let first = BINS;
    let last = -1;
    for (let k = 0; k < BINS; k++) {
      if (bank[j * BINS + k] > 0) {
        first = Math.min(first, k);
        last = k;
      }
    }
    span[2 * j] = first;
    span[2 * j + 1] = last;
  }
  shared = { work: spectrumWork(FFT_SIZE), window: hannWindow(FFT_SIZE), bank, span };
  return shared;
}

/** The start sample of each frame for a sound of `length` samples (see the file comment). */
export function frameStarts(length: number): Int32Array {
  const starts = new Int32Array(AUDIO_FRAMES);
  const stretch = length > AUDIO_CLIP_SAMPLES ? (length - FFT_SIZE) / (AUDIO_FRAMES - 1) : HOP;
  for (let f = 0; f < AUDIO_FRAMES; f++) starts[f] = Math.round(f * stretch);
  return starts;
}

/**
 * The normalised log-mel features of a 16 kHz mono sound: writes [AUDIO_FRAMES, AUDIO_MELS] into `out`
 * at `offset` (or a new array) and returns it.
 */
export function logMelSpectrogram(wave: Float32Array, out = new Float32Array(AUDIO_LENGTH), offset = 0) {
  const { work, window, bank, span } = parts();
  const frame = new Float64Array(FFT_SIZE);
  const power = new Float64Array(BINS);
  const starts = frameStarts(wave.length);
  for (let f = 0; f < AUDIO_FRAMES; f++) {
    const s = starts[f];
    for (let i = 0; i < FFT_SIZE; i++) frame[i] = s + i < wave.length ? wave[s + i] : 0;
    powerSpectrum(frame, window, power, work);
    for (let j = 0; j < AUDIO_MELS; j++) {
      let e = 0;
      for (let k = span[2 * j]; k <= span[2 * j + 1]; k++) e += bank[j * BINS + k] * power[k];
      out[offset + f * AUDIO_MELS + j] = (Math.log10(e + LOG_FLOOR) + 3) / 3;
    }
  }
  return out;
}
