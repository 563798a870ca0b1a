/**
 * The sound of a ShapeCaptions scene: one synthesised note, 0.784 s at 16 kHz mono (AUDIO_CLIP_SAMPLES).
 *
 * What a listener hears, and which attribute it tells:
 * - shape -> timbre (the note's harmonics, 1..10 with these amplitudes, or its loudness over time):
 *   circle a pure sine; square odd harmonics at 1/h (hollow, clarinet-like); triangle odd harmonics at
 *   1/h^2 (soft, flute-like); diamond the octaves 1, 2, 4, 8 at 1, 0.6, 0.4, 0.25 (glassy); star every
 *   harmonic at 1/h (a bright sawtooth); cross harmonics 1 and 3 with a 12.5 Hz tremolo (a rattle).
 * - colour -> pitch, low to high along the rainbow, minor thirds apart from A3: red 220 Hz, orange 262,
 *   yellow 311, green 370, cyan 440, blue 523, purple 622, pink 740 Hz (each detuned by up to ±1.5%, less
 *   than a tenth of the 19% step, so neighbours never meet).
 * - size -> duration and loudness: small 0.22 s at peak 0.45, medium 0.42 s at 0.65, large 0.62 s at 0.85
 *   (loudness jittered by ±10%, so the three levels stay apart).
 * - pitchless sounds (the dataset's `pitchless` share, default none): that share of items play every colour
 *   at one steady middle pitch, STEADY_PITCH_HZ (403.5 Hz, the geometric middle of red and pink, between
 *   green and cyan, so no colour's note), so their sound knows shape and size but not colour. Which items
 *   is decided by `isPitchless` from the item's sound seed alone, apart from the note's own draws, so
 *   the sounds of pitched items are the same numbers whatever the share.
 * - position is NOT in the sound: a sound alone knows shape, colour and size (SOUND_ATTRIBUTES) and must
 *   borrow the position from the image or a caption, which is what fusion has to add.
 * Every sound also starts at a random moment in its first 0.1 s and has a little white noise (±0.01), so
 * two sounds of the same attributes are never the same numbers.
 *
 * Each item's randomness comes from its own generator, seeded by (dataset seed, split, index) through
 * `soundSeed`, so one item's waveform can be rebuilt for playback without generating the others.
 * Arithmetic is float64 +, -, *, / only (see wavetable.ts), so the bytes are the same in every engine.
 */
import { createRng } from '../random/rng';
import type { Rng } from '../random/rng';
import { AUDIO_CLIP_SAMPLES, AUDIO_SAMPLE_RATE } from '../data/pairs';
import { COLOURS, SHAPES, SIZES } from '../data/shapes/attributes';
import type { AttributeName, ShapeAttributes, ShapeName } from '../data/shapes/attributes';
import { SINE_TABLE, harmonicTable, lookup } from './wavetable';

/** The attributes a ShapeCaptions sound carries (in schema order); position is left out on purpose. */
export const SOUND_ATTRIBUTES: readonly AttributeName[] = ['shape', 'colour', 'size'];

/** Pitch per colour in Hz (indexed like COLOURS): minor thirds from A3, rounded to 0.01 Hz. */
export const COLOUR_PITCH_HZ: readonly number[] = [220, 261.63, 311.13, 369.99, 440, 523.25, 622.25, 739.99];

/** The one pitch of a pitchless sound, whatever its colour: sqrt(220 * 740) Hz, between green and cyan. */
export const STEADY_PITCH_HZ = 403.5;

/** Note length in seconds and peak amplitude per size (indexed like SIZES). */
export const SIZE_DURATION_S: readonly number[] = [0.22, 0.42, 0.62];
export const SIZE_PEAK: readonly number[] = [0.45, 0.65, 0.85];

/** Harmonic amplitudes (harmonic h at index h - 1) per shape. */
export const SHAPE_HARMONICS: Readonly<Record<ShapeName, readonly number[]>> = {
  circle: [1],
  square: [1, 0, 1 / 3, 0, 1 / 5, 0, 1 / 7, 0, 1 / 9],
  triangle: [1, 0, 1 / 9, 0, 1 / 25, 0, 1 / 49, 0, 1 / 81],
  diamond: [1, 0.6, 0, 0.4, 0, 0, 0, 0.25],
  star: [1, 1 / 2, 1 / 3, 1 / 4, 1 / 5, 1 / 6, 1 / 7, 1 / 8, 1 / 9, 1 / 10],
  cross: [1, 0, 0.5],
};

/** The cross's tremolo: rate in Hz and depth (gain swings between 1 - depth and 1). */
const TREMOLO_HZ = 12.5;
const TREMOLO_DEPTH = 0.8;
/** Jitter half-widths: relative detune, relative loudness; onset range in seconds; noise amplitude. */
const DETUNE = 0.015;
const LOUDNESS = 0.1;
const MAX_ONSET_S = 0.1;
const NOISE = 0.01;
/** Linear attack and release, seconds; the note also fades to 70% of its peak between them. */
const ATTACK_S = 0.01;
const RELEASE_S = 0.03;
const SUSTAIN_END = 0.7;

const TABLES: readonly Float64Array[] = SHAPES.map((s) => harmonicTable(SHAPE_HARMONICS[s]));

/** 32-bit integer hash (the finaliser of MurmurHash3). */
function hash32(x: number): number {
  let z = x | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** The seed of item `index`'s sound in the `split` set of the ShapeCaptions dataset made from `seed`. */
export function soundSeed(seed: number, split: 'train' | 'eval', index: number): number {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) | 0;
  let h = hash32(lo ^ 0x736f756e);
  h = hash32(h ^ hi);
  h = hash32(h ^ (split === 'train' ? 0x1b873593 : 0x2545f491));
  return hash32(h ^ index);
}

/**
 * Amplitude envelope at t samples into a note of `length` samples: a linear attack, a linear fade from the
 * peak to SUSTAIN_END of it over the note, and a linear release.
 */
function envelope(t: number, length: number, peak: number): number {
  const attack = ATTACK_S * AUDIO_SAMPLE_RATE;
  const release = RELEASE_S * AUDIO_SAMPLE_RATE;
  if (t < attack) return (peak * t) / attack;
  const body = peak * (1 - ((1 - SUSTAIN_END) * t) / length);
  const left = length - t;
  return left < release ? (body * left) / release : body;
}

/**
 * Synthesises the sound of one scene from its attributes, drawing its jitter and noise from `rng`.
 * Returns AUDIO_CLIP_SAMPLES samples at 16 kHz in about [-1, 1].
 */
export function synthesizeShapeSound(attrs: ShapeAttributes, rng: Rng, pitchless = false): Float32Array {
  const table = TABLES[attrs.shape];
  const colourPitch = COLOUR_PITCH_HZ[attrs.colour];
  // Checked before the override, so a bad colour is still reported for a pitchless sound.
  const pitch = pitchless && colourPitch !== undefined ? STEADY_PITCH_HZ : colourPitch;
  const duration = SIZE_DURATION_S[attrs.size];
  const peakBase = SIZE_PEAK[attrs.size];
  if (table === undefined || pitch === undefined || duration === undefined || peakBase === undefined) {
    throw new Error(`synthesizeShapeSound: attributes out of range (${JSON.stringify(attrs)})`);
  }
  const frequency = pitch * (1 + rng.uniform(-DETUNE, DETUNE));
  const peak = peakBase * (1 + rng.uniform(-LOUDNESS, LOUDNESS));
  const start = Math.floor(rng.next() * MAX_ONSET_S * AUDIO_SAMPLE_RATE);
  const length = Math.floor(duration * AUDIO_SAMPLE_RATE);
  const tremolo = SHAPES[attrs.shape] === 'cross';
  const step = frequency / AUDIO_SAMPLE_RATE;
  const tremoloStep = TREMOLO_HZ / AUDIO_SAMPLE_RATE;

  // Noise first, over the whole clip, then the note added over its span: the same sums as a single
  // pass, in a form V8 runs several times faster.
  const wave = new Float64Array(AUDIO_CLIP_SAMPLES);
  // Two 16-bit uniform draws per 32-bit output: half the generator calls, and finer steps than float32
  // noise at this level needs.
  for (let n = 0; n < AUDIO_CLIP_SAMPLES; n += 2) {
    const u = rng.uint32();
    wave[n] = ((u & 0xffff) / 65536 - 0.5) * 2 * NOISE;
    if (n + 1 < AUDIO_CLIP_SAMPLES) wave[n + 1] = ((u >>> 16) / 65536 - 0.5) * 2 * NOISE;
  }
  let phase = 0;
  let tremoloPhase = 0;
  const end = Math.min(AUDIO_CLIP_SAMPLES, start + length);
  for (let n = start; n < end; n++) {
    let g = envelope(n - start, length, peak);
    if (tremolo) {
      g *= 1 - TREMOLO_DEPTH * (0.5 + 0.5 * lookup(SINE_TABLE, tremoloPhase));
      tremoloPhase += tremoloStep;
      if (tremoloPhase >= 1) tremoloPhase -= 1;
    }
    wave[n] += g * lookup(table, phase);
    phase += step;
    if (phase >= 1) phase -= 1;
  }
  const out = Float32Array.from(wave);
  return out;
}

/**
 * Whether item `index` of the `split` set plays the steady pitch when a share `pitchlessShare` in [0, 1]
 * of sounds are pitchless: a uniform draw hashed from the item's sound seed, below the share.
 */
export function isPitchless(
  seed: number,
  split: 'train' | 'eval',
  index: number,
  pitchlessShare: number,
): boolean {
  if (pitchlessShare <= 0) return false;
  return hash32(soundSeed(seed, split, index) ^ 0x70697463) / 4294967296 < pitchlessShare;
}

/**
 * Rebuilds the waveform of item `index` of the train or eval set of the ShapeCaptions dataset generated
 * from `seed` with `pitchlessShare` of pitchless sounds (for playback): the same samples the dataset's features were computed from.
 */
export function shapeCaptionsWave(
  seed: number,
  split: 'train' | 'eval',
  index: number,
  attrs: ShapeAttributes,
  pitchlessShare = 0,
): Float32Array {
  const pitchless = isPitchless(seed, split, index, pitchlessShare);
  return synthesizeShapeSound(attrs, createRng(soundSeed(seed, split, index)), pitchless);
}

/**
 * A readable summary of the mapping, e.g. for a tooltip: 'star, 523 Hz (blue), 0.42 s (medium)'; a pitchless
 * sound says 'star, 404 Hz (steady: no colour), 0.42 s (medium)'.
 */
export function describeSound(attrs: ShapeAttributes, pitchless = false): string {
  const hz = Math.round(pitchless ? STEADY_PITCH_HZ : (COLOUR_PITCH_HZ[attrs.colour] ?? 0));
  const pitch = pitchless ? 'steady: no colour' : COLOURS[attrs.colour];
  return `${SHAPES[attrs.shape]}, ${hz} Hz (${pitch}), ${SIZE_DURATION_S[attrs.size]} s (${SIZES[attrs.size]})`;
}
