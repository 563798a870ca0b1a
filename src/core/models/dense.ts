import { tf } from '../tf';
import type { Rng } from '../random/rng';
import type { ParamStore } from './params';
import { matMul } from './matMul';
import { fusedL2Normalize, fusedRowsAvailable } from '../gpu/fusedRows';

export type Activation = 'relu' | 'tanh' | 'sigmoid' | 'linear';

/** A fully connected layer y = act(x W + b). */
export interface Dense {
  readonly inDim: number;
  readonly outDim: number;
  /** x: [batch, inDim]. Returns [batch, outDim]. */
  apply(x: tf.Tensor2D): tf.Tensor2D;
}

export function createDense(
  params: ParamStore,
  name: string,
  inDim: number,
  outDim: number,
  rng: Rng,
  activation: Activation = 'linear',
): Dense {
  const w = params.glorot(`${name}/w`, [inDim, outDim], rng);
  const b = params.zeros(`${name}/b`, [outDim]);
  return {
    inDim,
    outDim,
    apply: (x) => activate(tf.add(matMul(x, w as tf.Tensor2D), b), activation),
  };
}

export function activate<T extends tf.Tensor>(x: T, activation: Activation): T {
  switch (activation) {
    case 'relu':
      return tf.relu(x);
    case 'tanh':
      return tf.tanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'linear':
      return x;
  }
}

/** Row-wise L2 normalisation. x: [n, d]. Returns [n, d] with unit rows (eps keeps zero rows finite). */
export function l2Normalize(x: tf.Tensor2D): tf.Tensor2D {
  // On WebGPU one dispatch (and one for the gradient) instead of five kernels and a constant upload.
  if (fusedRowsAvailable()) return fusedL2Normalize(x, 1e-12);
  return tf.div(x, tf.sqrt(tf.add(tf.sum(tf.square(x), 1, true), 1e-12)));
}
