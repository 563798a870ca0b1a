import { tf } from '../../tf';
import type { TensorBatch } from '../../data/batch';
import { presenceMask } from '../../fusion/fusion';
import { FIRST, SECOND, type JointNetwork } from './network';
import type { Condition } from './conditionNames';

/**
 * The fusion inputs each condition keeps: the run's first pair, its first modality alone, its second
 * alone (image and caption whenever the run has both; with three modalities 'both' leaves the sound out).
 */
export const KEPT: Readonly<Record<Condition, readonly number[]>> = {
  both: [FIRST, SECOND],
  imageOnly: [FIRST],
  textOnly: [SECOND],
};

/** The joint codes under every condition from modality vectors ([b, d_m] each). Returns [b, dim] each. */
export function fuseConditions(
  net: JointNetwork,
  vectors: readonly tf.Tensor2D[],
): Record<Condition, tf.Tensor2D> {
  const b = vectors[0].shape[0];
  const codeOf = (kept: readonly number[]) =>
    net.fuse(
      vectors.map((v, m) => (kept.includes(m) ? v : tf.zerosLike(v))),
      presenceMask(b, vectors.length, kept),
    );
  return { both: codeOf(KEPT.both), imageOnly: codeOf(KEPT.imageOnly), textOnly: codeOf(KEPT.textOnly) };
}

/** The batch's joint codes under every condition, from one pass of each encoder. Returns [b, dim] each. */
export function conditionCodes(net: JointNetwork, batch: TensorBatch): Record<Condition, tf.Tensor2D> {
  return fuseConditions(net, net.vectors(batch));
}
