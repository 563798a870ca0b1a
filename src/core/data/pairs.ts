/**
 * The data every framework trains on: a set of image–text pairs in columns.
 *
 * Images are 32x32 RGB, row-major NHWC floats in [0, 1]: item i occupies
 * `images.subarray(i * IMAGE_LENGTH, (i + 1) * IMAGE_LENGTH)`. Columns of typed arrays (not arrays of
 * objects) so a set can be transferred to a worker without copying and uploaded to a tensor in one call.
 */
export const IMAGE_SIZE = 32;
export const IMAGE_CHANNELS = 3;
/** Floats per image: 32 * 32 * 3. */
export const IMAGE_LENGTH = IMAGE_SIZE * IMAGE_SIZE * IMAGE_CHANNELS;

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
  /** [size, 32, 32, 3] RGB in [0, 1]. */
  readonly images: Float32Array;
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
}

/** A dataset: pairs to train on, pairs to evaluate on (seen and held-out), and what their attributes mean. */
export interface PairDataset {
  readonly name: string;
  readonly train: PairSet;
  readonly eval: PairSet;
  readonly schema?: AttributeSchema;
}

/** Returns item i's image as a view (no copy) into the set's image column. */
export function imageAt(set: PairSet, i: number): Float32Array {
  return set.images.subarray(i * IMAGE_LENGTH, (i + 1) * IMAGE_LENGTH);
}
