import { tf } from '../tf';
import type { Rng } from '../random/rng';
import type { ParamStore } from '../models/params';
import { activate } from '../models/dense';
import { matMul } from '../models/matMul';
import { dropAbsent, squaredFrobenius, withOne, type Fusion, type FusionShape } from './fusion';

/**
 * The flattened outer product of the modality vectors, each extended by a constant 1 (Zadeh et al. 2017,
 * Tensor Fusion Network): [v_1; 1] ⊗ [v_2; 1] ⊗ … Because of the appended 1s it holds every unimodal
 * vector as it is, every product of entries from two (or more) modalities, and the constant 1.
 *
 * Entry order: row-major over the modalities, the last modality's index fastest; for two modalities
 * entry i · (d_2 + 1) + j is [v_1; 1]_i · [v_2; 1]_j, so the last column of each block is v_1 and the
 * last block is [v_2; 1].
 *
 * vectors: one [b, d_m] per modality. Returns [b, Π_m (d_m + 1)].
 */
export function tensorProduct(vectors: readonly tf.Tensor2D[]): tf.Tensor2D {
  const [first, ...rest] = vectors;
  if (!first) throw new Error('tensorProduct: needs at least one modality');
  const b = first.shape[0];
  let t = withOne(first);
  for (const v of rest) {
    const u = withOne(v);
    // Broadcast multiply: [b, D, 1] · [b, 1, d + 1] = [b, D, d + 1]; elementwise ops train on every backend.
    const outer = tf.mul(tf.expandDims(t, 2), tf.expandDims(u, 1));
    t = tf.reshape(outer, [b, t.shape[1] * u.shape[1]]);
  }
  return t;
}

/**
 * Tensor fusion: z = f(W vec([v_1; 1] ⊗ [v_2; 1]) + b). The dense layer sees every multiplicative
 * interaction between the modalities, at the price of Π_m (d_m + 1) · outDim weights: the count grows with
 * the product of the modality widths (and exponentially in the number of modalities).
 *
 * Penalty: ‖W‖_F². Column k of W, reshaped to [d_1 + 1, d_2 + 1], is the interaction matrix of output k;
 * ‖W‖_F² = Σ_k Σ σ²(W_k), the sum of their squared singular values: a smooth surrogate of Σ_k ‖W_k‖_*
 * that shrinks every singular value alike instead of favouring low rank (low-rank fusion builds the low
 * rank in instead).
 */
export function createTensorFusion(params: ParamStore, shape: FusionShape, rng: Rng): Fusion {
  const { inDims, outDim, activation } = shape;
  const inDim = inDims.reduce((a, d) => a * (d + 1), 1);
  const w = params.glorot('fusion/tensor/w', [inDim, outDim], rng) as tf.Tensor2D;
  const b = params.zeros('fusion/tensor/b', [outDim]);
  return {
    name: 'tensor',
    inDims,
    outDim,
    parameterCount: inDim * outDim + outDim,
    apply(vectors, present) {
      const z = tensorProduct(dropAbsent(vectors, present));
      return activate(tf.add(matMul(z, w), b), activation);
    },
    penalty: () => squaredFrobenius([w]),
  };
}
