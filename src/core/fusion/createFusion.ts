import type { Rng } from '../random/rng';
import type { ParamStore } from '../models/params';
import type { Fusion, FusionShape } from './fusion';
import type { FusionName } from './fusionNames';
import { createConcatFusion } from './concat';
import { createAdditiveFusion } from './additive';
import { createTensorFusion } from './tensor';
import { createLowRankFusion } from './lowRank';

/** Builds the named fusion operator, its weights in `params`. */
export function createFusion(name: FusionName, params: ParamStore, shape: FusionShape, rng: Rng): Fusion {
  switch (name) {
    case 'concat':
      return createConcatFusion(params, shape, rng);
    case 'additive':
      return createAdditiveFusion(params, shape, rng);
    case 'tensor':
      return createTensorFusion(params, shape, rng);
    case 'lowrank':
      return createLowRankFusion(params, shape, rng);
  }
}

/**
 * The weights a fusion operator would add, without building it: for charts of how each grows with the
 * modality widths (tensor: with their product; the others: with their sum).
 */
export function fusionParameterCount(
  name: FusionName,
  inDims: readonly number[],
  outDim: number,
  rank: number,
): number {
  const sum = inDims.reduce((a, d) => a + d, 0);
  switch (name) {
    case 'concat':
    case 'additive':
      return sum * outDim + outDim;
    case 'tensor':
      return inDims.reduce((a, d) => a * (d + 1), 1) * outDim + outDim;
    case 'lowrank':
      return rank * outDim * (sum + inDims.length) + rank + outDim;
  }
}
