import { tf } from '../tf';
import type { Rng } from '../random/rng';
import type { ParamStore } from './params';
import { matMul } from './matMul';

/**
 * A word-embedding table applied as one-hot(ids) @ E rather than a gather: the WASM backend has no
 * gradient kernel for gather (UnsortedSegmentSum), but trains matMul everywhere.
 */
export interface Embedding {
  readonly dim: number;
  /** ids: [n] int32. Returns [n, dim]. */
  lookup(ids: tf.Tensor1D): tf.Tensor2D;
}

export function createEmbedding(
  params: ParamStore,
  name: string,
  vocabSize: number,
  dim: number,
  rng: Rng,
): Embedding {
  const E = params.glorot(`${name}/E`, [vocabSize, dim], rng) as tf.Tensor2D;
  return {
    dim,
    lookup: (ids) => matMul(tf.cast(tf.oneHot(ids, vocabSize), 'float32') as tf.Tensor2D, E),
  };
}
