/**
 * Reading a user's sound file: WAV (PCM 8, 16, 24 or 32-bit, float 32 or 64, mono or more channels, any
 * rate), mixed to mono and resampled to AUDIO_SAMPLE_RATE, or the reason it cannot be used.
 *
 * WAV is parsed with wavefile 11.0.0 (MIT; pure JavaScript, so the same code runs in Node for the runner
 * and in the import worker, where the Web Audio API's decodeAudioData does not exist). Its windowed-sinc
 * resampler with its low-pass filter keeps pitches where they were and folds nothing above 8 kHz back in.
 * Other formats (MP3, Ogg, FLAC ...) go to the browser's decodeAudioData on the page when a
 * SoundDecoder is made with one (createSoundDecoder); in Node they are reported as unsupported.
 */
import * as wavefileModule from 'wavefile';
import { AUDIO_SAMPLE_RATE } from '../data/pairs';

/** Sounds longer than this are refused: the features see at most 48 frames, and memory is finite. */
export const MAX_AUDIO_SECONDS = 10;
/** A peak below this (-80 dBFS) is silence: nothing a model could learn from. */
export const SILENCE_PEAK = 1e-4;

/** Why a sound file was refused: the import's rejection reasons that apply to sound. */
export type SoundFault =
  'empty-file' | 'unsupported-type' | 'undecodable' | 'truncated' | 'silent-audio' | 'too-long-audio';

export type DecodedSound =
  | { readonly ok: true; readonly wave: Float32Array; readonly seconds: number; readonly sourceRate: number }
  | { readonly ok: false; readonly reason: SoundFault; readonly detail: string };

// Vite resolves the package's ES module (named export); Node's ESM loader its CommonJS build (default).
const WaveFile =
  wavefileModule.WaveFile ??
  (wavefileModule as unknown as { default: typeof wavefileModule }).default.WaveFile;

interface Fmt {
  numChannels: number;
  sampleRate: number;
  bitsPerSample: number;
  blockAlign: number;
}

const ascii = (bytes: Uint8Array, at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));

/** True when the bytes start like a WAV file (RIFF, RIFX or RF64 container of type WAVE). */
export function isWav(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 12 && ['RIFF', 'RIFX', 'RF64'].includes(ascii(bytes, 0)) && ascii(bytes, 8) === 'WAVE'
  );
}

const fail = (reason: SoundFault, detail: string): DecodedSound => ({ ok: false, reason, detail });

/** Decodes a WAV file to 16 kHz mono in [-1, 1]. Never throws: a bad file gives its reason in words. */
export function decodeWavSound(bytes: Uint8Array): DecodedSound {
  if (bytes.length === 0) return fail('empty-file', 'is empty (0 bytes)');
  if (!isWav(bytes)) return fail('unsupported-type', 'is not a WAV file (only WAV sound can be read)');
  let wav: InstanceType<typeof WaveFile>;
  try {
    wav = new WaveFile(bytes);
  } catch (e) {
    return fail('undecodable', `could not be read as WAV (${message(e)})`);
  }
  // Copied: wavefile rebuilds its header object when it converts the bit depth.
  const fmt = { ...(wav.fmt as Fmt) };
  const data = wav.data as { chunkSize: number; samples: Uint8Array };
  if (!(fmt.numChannels >= 1) || !(fmt.sampleRate >= 1000)) {
    return fail('undecodable', `declares ${fmt.numChannels} channel(s) at ${fmt.sampleRate} Hz`);
  }
  if (data.samples.length < data.chunkSize) {
    return fail('truncated', `ends after ${data.samples.length} of its ${data.chunkSize} bytes of sound`);
  }
  const frames = Math.floor(data.samples.length / Math.max(1, fmt.blockAlign));
  const seconds = frames / fmt.sampleRate;
  if (seconds > MAX_AUDIO_SECONDS) {
    return fail('too-long-audio', `lasts ${seconds.toFixed(1)} s (limit ${MAX_AUDIO_SECONDS} s)`);
  }
  let mono: Float64Array;
  try {
    wav.toBitDepth('32f');
    mono = mixToMono(wav.getSamples(false, Float64Array));
  } catch (e) {
    return fail('undecodable', `could not be decoded (${wav.bitDepth}-bit: ${message(e)})`);
  }
  const checked = checkSamples(mono);
  if (checked) return checked;
  const wave = fmt.sampleRate === AUDIO_SAMPLE_RATE ? mono : resample(mono, fmt.sampleRate);
  return { ok: true, wave: Float32Array.from(wave), seconds, sourceRate: fmt.sampleRate };
}

/** Why decoded mono samples cannot be used (not numbers, or silent), or null when they can. */
function checkSamples(mono: ArrayLike<number>): DecodedSound | null {
  let peak = 0;
  for (let i = 0; i < mono.length; i++) {
    const v = mono[i];
    if (!Number.isFinite(v))
      return fail('undecodable', 'holds samples that are not numbers (NaN or infinite)');
    peak = Math.max(peak, Math.abs(v));
  }
  if (mono.length === 0) return fail('silent-audio', 'holds no samples');
  if (peak < SILENCE_PEAK)
    return fail('silent-audio', `is silent (peak ${peak.toExponential(1)}, below -80 dBFS)`);
  return null;
}

/**
 * The checks of decodeWavSound for a sound another decoder already made mono at AUDIO_SAMPLE_RATE (the
 * page's decodeAudioData in the browser): too long, not numbers, silent.
 */
export function checkDecodedSound(wave: Float32Array, seconds: number, sourceRate: number): DecodedSound {
  if (seconds > MAX_AUDIO_SECONDS) {
    return fail('too-long-audio', `lasts ${seconds.toFixed(1)} s (limit ${MAX_AUDIO_SECONDS} s)`);
  }
  return checkSamples(wave) ?? { ok: true, wave, seconds, sourceRate };
}

/**
 * Decodes one sound file: WAV here, in any thread; anything else through `other` when given (the
 * browser's decodeAudioData, which exists only on the page) and otherwise refused as unsupported.
 */
export interface SoundDecoder {
  decode(bytes: Uint8Array): Promise<DecodedSound>;
}

/** What `other` returns: mono samples at AUDIO_SAMPLE_RATE, the sound's length, its file's rate. */
export interface PageDecodedSound {
  readonly wave: Float32Array;
  readonly seconds: number;
  readonly sourceRate: number;
}

export function createSoundDecoder(other?: (bytes: Uint8Array) => Promise<PageDecodedSound>): SoundDecoder {
  return {
    async decode(bytes) {
      if (bytes.length === 0 || isWav(bytes) || !other) return decodeWavSound(bytes);
      try {
        const d = await other(bytes);
        return checkDecodedSound(d.wave, d.seconds, d.sourceRate);
      } catch (e) {
        return fail('undecodable', `could not be decoded by the browser (${message(e)})`);
      }
    },
  };
}

/** The mean of the channels. samples: one array (mono) or one per channel. */
function mixToMono(samples: Float64Array | Float64Array[]): Float64Array {
  if (!Array.isArray(samples)) return samples;
  const out = new Float64Array(samples[0]?.length ?? 0);
  for (const channel of samples) for (let i = 0; i < out.length; i++) out[i] += channel[i] / samples.length;
  return out;
}

/** Resamples mono float samples to AUDIO_SAMPLE_RATE with wavefile's sinc interpolator and low-pass filter. */
export function resample(samples: Float64Array, rate: number): Float64Array {
  const w = new WaveFile();
  w.fromScratch(1, rate, '32f', samples);
  w.toSampleRate(AUDIO_SAMPLE_RATE, { method: 'sinc', LPF: true });
  return w.getSamples(false, Float64Array);
}

/** A 16 kHz wave stored compactly for playback: 16-bit, as Int16Array (a quarter of float64's bytes). */
export function toInt16(wave: Float32Array): Int16Array {
  return Int16Array.from(wave, (v) => Math.round(Math.max(-1, Math.min(1, v)) * 32767));
}

/** The playback wave of a stored sound: Int16 back to floats in [-1, 1]. */
export function fromInt16(pcm: Int16Array): Float32Array {
  return Float32Array.from(pcm, (v) => v / 32767);
}

function message(e: unknown): string {
  return e instanceof Error ? e.message.slice(0, 160) : 'unknown error';
}
