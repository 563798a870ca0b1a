import { tf } from '../tf';
import type { Activation } from '../models/dense';
import type { FusionName } from './fusionNames';

/**
 * A fusion operator of joint representation: it maps one vector per modality to one joint code.
 * Written over a list of modalities (image, text, ... in a fixed order) so a third modality needs no new
 * operator, only one more entry in `inDims`.
 *
 * A modality can be absent for some rows (modality dropout, or an image-only / text-only query): `present`
 * marks with 1 the modalities each row has. An absent modality's vector is read as zeros whatever the
 * caller passed, so "absent" means "contributes nothing", not "a black image" or "an empty caption",
 * both of which still pass through an encoder's biases.
 */
export interface Fusion {
  readonly name: FusionName;
  /** Width d_m of each modality's vector, in modality order. */
  readonly inDims: readonly number[];
  /** Width of the joint code. */
  readonly outDim: number;
  /** Trainable weights the operator itself adds. */
  readonly parameterCount: number;
  /**
   * vectors: one [b, d_m] per modality. present: [b, M] of 0/1 (omitted: every modality present).
   * Returns the joint code [b, outDim].
   */
  apply(vectors: readonly tf.Tensor2D[], present?: tf.Tensor2D): tf.Tensor2D;
  /**
   * A scalar penalty on the fusion weights standing in for their trace (nuclear) norm, which asks the
   * cross-modal interactions to be few (low rank). See each operator for the form it uses.
   */
  penalty(): tf.Scalar;
}

/** What every operator is built from besides the parameter store and the rng. */
export interface FusionShape {
  readonly inDims: readonly number[];
  readonly outDim: number;
  /** Rank r of the low-rank operator (ignored by the others). */
  readonly rank: number;
  /** Nonlinearity f applied to the joint code. */
  readonly activation: Activation;
}

/**
 * Zeroes the rows of each modality that `present` marks absent. vectors: [b, d_m] each; present: [b, M].
 * Returns new tensors (or the inputs when `present` is omitted).
 */
export function dropAbsent(vectors: readonly tf.Tensor2D[], present?: tf.Tensor2D): tf.Tensor2D[] {
  if (!present) return [...vectors];
  return vectors.map((v, m) => tf.mul(v, presentColumn(present, m)));
}

/** Column m of a presence mask: [b, 1], 1 where the row has modality m. */
export function presentColumn(present: tf.Tensor2D, m: number): tf.Tensor2D {
  return tf.slice(present, [0, m], [present.shape[0], 1]);
}

/** [v; 1]: appends a constant 1 to every row. v: [b, d]. Returns [b, d + 1]. */
export function withOne(v: tf.Tensor2D): tf.Tensor2D {
  return tf.concat([v, tf.ones([v.shape[0], 1])], 1);
}

/**
 * A presence mask for a batch in which every row has exactly the modalities in `kept`.
 * Returns [rows, modalities] of 0/1.
 */
export function presenceMask(rows: number, modalities: number, kept: readonly number[]): tf.Tensor2D {
  const out = new Float32Array(rows * modalities);
  for (let r = 0; r < rows; r++) for (const m of kept) out[r * modalities + m] = 1;
  return tf.tensor2d(out, [rows, modalities]);
}

/** Sum of squares of all entries, ‖W‖_F² (the sum of W's squared singular values). Returns a scalar. */
export function squaredFrobenius(weights: readonly tf.Tensor[]): tf.Scalar {
  return tf.addN<tf.Scalar>(weights.map((w) => tf.sum(tf.square(w))));
}
