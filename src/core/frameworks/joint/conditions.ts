import { tf } from '../../tf';
import type { TensorBatch } from '../../data/batch';
import { presenceMask } from '../../fusion/fusion';
import { IMAGE, TEXT, type JointNetwork } from './network';
import type { Condition } from './conditionNames';

/** The modalities each condition keeps (with sound, 'both' is image and caption without the sound). */
export const KEPT: Readonly<Record<Condition, readonly number[]>> = {
  both: [IMAGE, TEXT],
  imageOnly: [IMAGE],
  textOnly: [TEXT],
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
