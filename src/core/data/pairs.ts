/**
 * The data every framework trains on: a set of image–text pairs in columns.
 *
 * Images are 32x32 RGB, row-major NHWC: item i occupies `images.subarray(i * IMAGE_LENGTH, (i + 1) *
 * IMAGE_LENGTH)`. The models see floats in [0, 1]; a column holds either those floats (generated data)
 * or the pixel bytes 0..255 as imported, which stand for byte / 255 and are converted a batch at a time
 * (see `imageFloats`), so 100,000 imported pairs cost 307 MB of bytes rather than 1.2 GB of floats.
 * Columns of typed arrays (not arrays of objects) so a set can be transferred to a worker without copying.
 */
export const IMAGE_SIZE = 32;
export const IMAGE_CHANNELS = 3;
/** Values per image: 32 * 32 * 3. */
export const IMAGE_LENGTH = IMAGE_SIZE * IMAGE_SIZE * IMAGE_CHANNELS;

/** [size, 32, 32, 3] pixels: floats in [0, 1], or bytes 0..255 meaning byte / 255. */
export type ImageColumn = Float32Array | Uint8Array;

/**
 * Sound, when the data has it: mono at 16 kHz, described to the models by a log-mel spectrogram of
 * AUDIO_FRAMES frames (512-sample Hann windows, hop 256: 32 ms every 16 ms) by AUDIO_MELS mel bands
 * (0-8 kHz). A clip of AUDIO_CLIP_SAMPLES (0.784 s) fills the frames exactly; see src/core/audio/logMel.ts.
 */
export const AUDIO_SAMPLE_RATE = 16000;
export const AUDIO_FRAMES = 48;
export const AUDIO_MELS = 40;
/** Floats per sound's features: 48 * 40 = 1920. */
export const AUDIO_LENGTH = AUDIO_FRAMES * AUDIO_MELS;
/** Samples that make exactly AUDIO_FRAMES frames: 512 + 47 * 256 = 12544 (0.784 s). */
export const AUDIO_CLIP_SAMPLES = 512 + (AUDIO_FRAMES - 1) * 256;

/** Named categorical attributes of a pair (for ShapeCaptions: shape, colour, size, position). */
export interface AttributeSchema {
  /** Attribute names, e.g. ['shape', 'colour', 'size', 'position']. */
  readonly names: readonly string[];
  /** For each attribute, the names of its values, e.g. values[0] = ['circle', 'square', ...]. */
  readonly values: readonly (readonly string[])[];
}

export interface PairSet {
  /** Number of pairs. */
  readonly size: number;
  /** [size, 32, 32, 3] RGB: floats in [0, 1], or bytes standing for byte / 255 (imported pairs). */
  readonly images: ImageColumn;
  /** One or more captions per pair; captions[i][0] is the one used when a single text is needed. */
  readonly captions: readonly (readonly string[])[];
  /**
   * Semantic key per pair: two pairs with equal keys mean the same thing (same attributes), so retrieving
   * either counts as a hit. For data without attributes the key is unique per pair.
   */
  readonly keys: readonly string[];
  /** [size, names.length] attribute value indices, when the data has a schema. */
  readonly attributes?: Int32Array;
  /** 1 where the pair's combination was held out of training (compositional generalisation), else 0. */
  readonly heldOut?: Uint8Array;
  /**
   * [size, AUDIO_FRAMES, AUDIO_MELS] log-mel features of each pair's sound, frame-major, normalised by a
   * fixed map (log10 of band energy, floored at -6, shifted and scaled to [-1, 1]: see logMel.ts), so a
   * set's numbers do not depend on which other sounds are in it. Absent when the data has no sound.
   */
  readonly audio?: Float32Array;
}

/** A dataset: pairs to train on, pairs to evaluate on (seen and held-out), and what their attributes mean. */
export interface PairDataset {
  readonly name: string;
  readonly train: PairSet;
  readonly eval: PairSet;
  readonly schema?: AttributeSchema;
  /**
   * When the pairs have sound described by the schema: the attribute names the sound alone tells (for
   * ShapeCaptions shape, colour and size, not position). A retrieval with sound is scored on these.
   */
  readonly soundAttributes?: readonly string[];
}

/**
 * Images `from` to `to` (exclusive) of a column as floats in [0, 1]: [to - from, 32, 32, 3]. A view (no
 * copy) of a float column; a new array for a byte column, each value `byte / 255` rounded once to float32,
 * the numbers a float column made from the same bytes holds.
 */
export function imageFloats(images: ImageColumn, from: number, to: number): Float32Array {
  const view = images.subarray(from * IMAGE_LENGTH, to * IMAGE_LENGTH);
  if (view instanceof Float32Array) return view;
  const out = new Float32Array(view.length);
  for (let p = 0; p < view.length; p++) out[p] = view[p] / 255;
  return out;
}

/** Writes image `i` of `images` as floats in [0, 1] into `target` at `offset`. */
export function copyImageFloats(images: ImageColumn, i: number, target: Float32Array, offset: number): void {
  const from = i * IMAGE_LENGTH;
  if (images instanceof Float32Array) {
    target.set(images.subarray(from, from + IMAGE_LENGTH), offset);
    return;
  }
  for (let p = 0; p < IMAGE_LENGTH; p++) target[offset + p] = images[from + p] / 255;
}

/** Item i's image as floats in [0, 1]: a view (no copy) of a float column, a new array of a byte one. */
export function imageAt(set: PairSet, i: number): Float32Array {
  return imageFloats(set.images, i, i + 1);
}

/** Item i's log-mel features as a view (no copy): [AUDIO_FRAMES, AUDIO_MELS], frame-major. */
export function audioAt(set: PairSet, i: number): Float32Array {
  if (!set.audio) throw new Error('audioAt: this pair set has no sound');
  return set.audio.subarray(i * AUDIO_LENGTH, (i + 1) * AUDIO_LENGTH);
}
