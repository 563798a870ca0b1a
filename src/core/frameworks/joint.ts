import type { tf } from '../tf';
import type { TensorBatch } from '../data/batch';
import type { AttributeSchema } from '../data/pairs';
import type { ExperimentConfig } from '../experiment/config';
import type { FrameworkDefinition, FrameworkModel } from './framework';
import { l2Normalize } from '../models/dense';
import { imageEncoderUnsupported } from '../models/imageEncoders';
import { buildJointNetwork, type JointNetwork, type JointParts } from './joint/network';
import type { Modality } from '../data/modalities';
import { jointLoss, jointTerms } from './joint/objectives';
import { createJointEvaluator } from './joint/evaluate';
import { inspectJoint } from './joint/inspect';

/** A joint model: a framework model that also gives the joint code of a full pair. */
export interface JointModel extends FrameworkModel {
  /** Joint codes of the batch's items, every modality present. Returns [b, dim], not normalised. */
  fused(batch: TensorBatch): tf.Tensor2D;
  /** Weights of the fusion operator alone. */
  readonly fusionParameters: number;
}

/** Whether a framework model is a joint one (for views that show its fused codes). */
export function isJointModel(model: FrameworkModel): model is JointModel {
  return typeof (model as Partial<JointModel>).fused === 'function';
}

/**
 * Why the chosen objective cannot train on this data, or null when it can. Only 'supervised' needs
 * attributes outright; 'both' on data without them trains its autoencoder half (and its evaluation says so).
 */
export function jointObjectiveUnavailable(
  config: ExperimentConfig,
  schema: AttributeSchema | undefined,
): string | null {
  if (config.jointObjective === 'supervised' && !schema) {
    return "The supervised objective predicts a pair's attributes, and this data has none: choose the autoencoder objective (or both, which then trains the autoencoder alone).";
  }
  return null;
}

/** The parts a config trains (an unused head or decoder would only add weights). */
export function jointParts(config: ExperimentConfig, schema: AttributeSchema | undefined): JointParts {
  return {
    heads: config.jointObjective !== 'autoencoder' && schema !== undefined,
    decoders: config.jointObjective !== 'supervised',
    unimodalDecoders: config.unimodalReconWeight > 0,
  };
}

/**
 * Joint representation: each modality is encoded and projected to a modality vector, and a fusion
 * operator (concatenation, additive layer, tensor fusion, low-rank fusion) maps the vectors to one joint
 * code, trained to predict the pair's attributes and/or to reconstruct both modalities under modality
 * dropout. An image alone and a caption alone are fused with the other modality absent: those are the
 * codes where the gap is measured, in the same joint space the pair's code lives in. The run's modalities
 * may be any two of image, text and sound, or all three: the fusion takes exactly those inputs.
 */
export const joint: FrameworkDefinition = {
  name: 'joint',
  title: 'Joint representation (fusion)',
  unsupported: (config, backend) => imageEncoderUnsupported(config.imageEncoder, backend),
  build({ config, vocab, schema, rng }): JointModel {
    const problem = jointObjectiveUnavailable(config, schema);
    if (problem) throw new Error(problem);
    const net = buildJointNetwork(config, vocab.words.length, schema, jointParts(config, schema), rng);
    return {
      params: net.params,
      fusionParameters: net.fusionParameters,
      loss: (batch, lossRng) => jointLoss(jointTerms(net, config, batch, lossRng), config),
      embed: (batch) => ({
        image: l2Normalize(aloneCode(net, batch, 'image')),
        text: l2Normalize(aloneCode(net, batch, 'text')),
        ...(net.indexOf('audio') >= 0 ? { audio: l2Normalize(aloneCode(net, batch, 'audio')) } : {}),
      }),
      fused: (batch) =>
        net.codeOf(
          batch,
          net.modalities.map((_, m) => m),
        ),
      evaluate: createJointEvaluator(net, config),
      inspect: (ctx) => inspectJoint(net, vocab, ctx),
      dispose: () => net.params.dispose(),
    };
  },
};

/**
 * The joint code of modality `m` alone. A modality the run lacks (the caption of an image,audio run)
 * has no encoder: its code is the fusion of no input at all, the same for every row, which the shared
 * codes carry only because they always name image and text; no metric of the run reads it.
 */
function aloneCode(net: JointNetwork, batch: TensorBatch, m: Modality): tf.Tensor2D {
  const index = net.indexOf(m);
  return net.codeOf(batch, index >= 0 ? [index] : []);
}
