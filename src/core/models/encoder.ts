import type { tf } from '../tf';
import type { TensorBatch } from '../data/batch';

/** Maps one modality of a batch to feature vectors. Weights live in the ParamStore it was built with. */
export interface Encoder {
  /** Width of the features it returns. */
  readonly outDim: number;
  /** Returns [batch, outDim]. */
  apply(batch: TensorBatch): tf.Tensor2D;
}
