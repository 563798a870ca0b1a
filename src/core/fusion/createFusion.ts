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

// Kept apart from the operators (which need TensorFlow.js) so the page can show the counts.
export { fusionParameterCount } from './parameterCount';
