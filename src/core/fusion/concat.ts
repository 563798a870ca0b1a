import { tf } from '../tf';
import type { Rng } from '../random/rng';
import type { ParamStore } from '../models/params';
import { activate } from '../models/dense';
import { matMul } from '../models/matMul';
import { dropAbsent, squaredFrobenius, type Fusion, type FusionShape } from './fusion';

/**
 * Concatenation fusion: z = f(W [v_1; …; v_M] + b), one hidden layer over the modality vectors laid end to
 * end (the shared layer of a bimodal deep network). An absent modality is a block of zeros.
 *
 * Algebraically W [v_1; v_2] = W_1 v_1 + W_2 v_2, the additive layer; the two differ in how they treat
 * a missing modality (see additive.ts): here the code of an image alone is f(W_1 v_1 + b), a smaller
 * pre-activation than that of a full pair, so one-modality codes sit nearer the bias than full codes.
 *
 * Weights: (Σ d_m) · outDim + outDim. Penalty: ‖W‖_F², the sum of W's squared singular values, a smooth
 * stand-in for the nuclear norm (which needs an SVD per step and has no gradient at zero singular values).
 */
export function createConcatFusion(params: ParamStore, shape: FusionShape, rng: Rng): Fusion {
  const { inDims, outDim, activation } = shape;
  const inDim = inDims.reduce((a, b) => a + b, 0);
  const w = params.glorot('fusion/concat/w', [inDim, outDim], rng) as tf.Tensor2D;
  const b = params.zeros('fusion/concat/b', [outDim]);
  return {
    name: 'concat',
    inDims,
    outDim,
    parameterCount: inDim * outDim + outDim,
    apply(vectors, present) {
      const x = tf.concat(dropAbsent(vectors, present), 1);
      return activate(tf.add(matMul(x, w), b), activation);
    },
    penalty: () => squaredFrobenius([w]),
  };
}
