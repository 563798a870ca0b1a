import { tf } from '../tf';
import type { Rng } from '../random/rng';
import type { ParamStore } from '../models/params';
import { activate } from '../models/dense';
import { matMul } from '../models/matMul';
import { presentColumn, squaredFrobenius, type Fusion, type FusionShape } from './fusion';

/**
 * Additive fusion, one shared hidden layer: z = f(Σ_m W_m v_m + b). Each modality is mapped into the same
 * space and the contributions add.
 *
 * When modalities are missing the sum runs over the present ones, rescaled by M / (number present), as
 * inverted dropout rescales the units it keeps: the pre-activation keeps its scale whether a row has one
 * modality or all, so when every W_m v_m agrees, an image alone, a caption alone and the pair all land on
 * the same code. With every modality present the factor is 1 and the layer is exactly Σ_m W_m v_m + b.
 *
 * Weights: Σ_m d_m · outDim + outDim. Penalty: Σ_m ‖W_m‖_F² (= ‖[W_1; …; W_M]‖_F², the sum of the
 * stacked matrix's squared singular values), a smooth surrogate of its nuclear norm.
 */
export function createAdditiveFusion(params: ParamStore, shape: FusionShape, rng: Rng): Fusion {
  const { inDims, outDim, activation } = shape;
  // Glorot over the summed fan-in: together the W_m initialise like one layer over the concatenation.
  const fanIn = inDims.reduce((a, b) => a + b, 0);
  const ws = inDims.map(
    (d, m) => params.glorot(`fusion/additive/w${m}`, [d, outDim], rng, fanIn, outDim) as tf.Tensor2D,
  );
  const b = params.zeros('fusion/additive/b', [outDim]);
  const M = inDims.length;
  return {
    name: 'additive',
    inDims,
    outDim,
    parameterCount: fanIn * outDim + outDim,
    apply(vectors, present) {
      const terms = vectors.map((v, m) => {
        const t = matMul(v, ws[m]);
        return present ? tf.mul(t, presentColumn(present, m)) : t;
      });
      let sum = tf.addN(terms);
      if (present) {
        // M / count, with count ≥ 1 so a row with nothing present stays finite (its sum is 0 anyway).
        const count = tf.maximum(tf.sum(present, 1, true), 1);
        sum = tf.mul(sum, tf.div(M, count));
      }
      return activate<tf.Tensor2D>(tf.add(sum, b), activation);
    },
    penalty: () => squaredFrobenius(ws),
  };
}
