import type { FusionName } from './fusionNames';

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
