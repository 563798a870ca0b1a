import { tf } from '../tf';
import type { Rng } from '../random/rng';
import type { ParamStore } from '../models/params';
import { activate } from '../models/dense';
import { matMul } from '../models/matMul';
import { dropAbsent, withOne, type Fusion, type FusionShape } from './fusion';

/**
 * Low-rank multimodal fusion (Liu et al. 2018, LMF): tensor fusion whose weight tensor is a sum of r
 * outer products of per-modality factors, W = Σ_r λ_r W_1^(r) ⊗ W_2^(r) ⊗ …, so the outer product never
 * has to be formed:
 *   z = f( Σ_r λ_r (W_1^(r) [v_1; 1]) ∘ (W_2^(r) [v_2; 1]) ∘ … + b )
 * with W_m^(r): [d_m + 1, outDim], λ: [r], ∘ the elementwise product. Weights: r · outDim · Σ_m (d_m + 1)
 * + r + outDim, linear in the modality widths where tensor fusion's count is their product.
 *
 * Each modality's r factors are one [d_m + 1, r · outDim] matrix (column r · outDim + k is output k of
 * factor r), so a modality costs one matMul.
 *
 * Penalty: the variational form of the trace norm (Srebro et al. 2005). Output k's interaction matrix is
 * W_k = Σ_r λ_r a_rk b_rkᵀ (a_rk, b_rk: column k of the image and text factors r), and
 *   ‖W_k‖_* ≤ Σ_r |λ_r| ‖a_rk‖ ‖b_rk‖ ≤ ½ Σ_r |λ_r| (‖a_rk‖² + ‖b_rk‖²),
 * summed over k: ½ Σ_r |λ_r| (‖W_1^(r)‖_F² + ‖W_2^(r)‖_F²), an upper bound whose minimum over
 * factorisations is the nuclear norm itself, at the cost of a sum of squares. With M modalities the
 * factor ½ becomes 1/M (the arithmetic–geometric mean step; a surrogate rather than a bound for M > 2).
 */
export function createLowRankFusion(params: ParamStore, shape: FusionShape, rng: Rng): Fusion {
  const { inDims, outDim, rank, activation } = shape;
  if (!Number.isInteger(rank) || rank < 1) throw new Error(`low-rank fusion: rank must be ≥ 1, got ${rank}`);
  const factors = inDims.map(
    (d, m) =>
      params.glorot(`fusion/lowrank/w${m}`, [d + 1, rank * outDim], rng, d + 1, outDim) as tf.Tensor2D,
  );
  // 1/√r: the r terms are roughly independent at initialisation, so their sum keeps unit scale.
  const lambda = params.constant('fusion/lowrank/lambda', [rank], 1 / Math.sqrt(rank));
  const b = params.zeros('fusion/lowrank/b', [outDim]);
  const M = inDims.length;
  return {
    name: 'lowrank',
    inDims,
    outDim,
    parameterCount: rank * outDim * inDims.reduce((a, d) => a + d + 1, 0) + rank + outDim,
    apply(vectors, present) {
      const parts = dropAbsent(vectors, present).map((v, m) => matMul(withOne(v), factors[m]));
      const product = parts.reduce((a, p) => tf.mul(a, p)); // [b, r · outDim]
      const n = product.shape[0];
      const byRank = tf.reshape(product, [n, rank, outDim]);
      const mixed = tf.sum<tf.Tensor2D>(tf.mul(byRank, tf.reshape(lambda, [1, rank, 1])), 1);
      return activate(tf.add(mixed, b), activation);
    },
    penalty() {
      // ‖W_m^(r)‖_F² for every r, summed over modalities: [r].
      const perRank = tf.addN(
        factors.map((w) => tf.sum(tf.square(tf.reshape(w, [w.shape[0], rank, outDim])), [0, 2])),
      );
      return tf.div<tf.Scalar>(tf.sum(tf.mul(tf.abs(lambda), perRank)), M);
    },
  };
}
