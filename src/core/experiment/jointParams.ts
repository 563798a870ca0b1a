import type { EnumSpec, IntSpec, NumberSpec } from './paramSpec';
import { FUSIONS, type FusionName } from '../fusion/fusionNames';

/**
 * Losses of joint representation (the `loss` setting, see commonParams.ts): one weighted sum of the
 * objectives chosen below, so the choice of objective lives in `jointObjective`.
 */
export const JOINT_LOSSES = ['multitask'] as const;

export const JOINT_OBJECTIVES = ['both', 'supervised', 'autoencoder'] as const;
export type JointObjective = (typeof JOINT_OBJECTIVES)[number];

/** Settings of joint representation: fusion operator, objectives and their weights. */
export const JOINT_PARAMS = {
  fusion: {
    kind: 'enum',
    appliesTo: { framework: ['joint'] },
    group: 'model',
    default: 'additive',
    options: FUSIONS,
    optionLabels: {
      concat: 'concatenation',
      additive: 'additive (Σ W_m v_m)',
      tensor: 'tensor (outer product)',
      lowrank: 'low-rank tensor',
    },
    label: 'Fusion',
    help: 'How the modality vectors become one joint code: concat (one layer over both), additive (Σ W_m v_m), tensor (outer product of [v;1]s), lowrank (its rank-r factorisation).',
  } satisfies EnumSpec<FusionName>,
  fusionRank: {
    kind: 'int',
    appliesTo: { framework: ['joint'], fusion: ['lowrank'] },
    group: 'model',
    default: 4,
    min: 1,
    max: 64,
    label: 'Fusion rank',
    help: 'Low-rank fusion: how many outer products of per-modality factors make up the weight tensor.',
  } satisfies IntSpec,
  modalityDim: {
    kind: 'int',
    appliesTo: { framework: ['joint'] },
    group: 'model',
    default: 32,
    min: 2,
    max: 256,
    label: 'Modality vector size',
    help: 'Width of each modality’s vector before fusion; tensor fusion’s weights grow with its square.',
  } satisfies IntSpec,
  jointObjective: {
    kind: 'enum',
    appliesTo: { framework: ['joint'] },
    group: 'objective',
    default: 'both',
    options: JOINT_OBJECTIVES,
    optionLabels: {
      both: 'attributes and reconstruction',
      supervised: 'supervised (predict attributes)',
      autoencoder: 'autoencoder (reconstruct)',
    },
    flag: 'objective',
    label: 'Objective',
    help: 'supervised: predict the pair’s attributes from the joint code; autoencoder: reconstruct the image and the caption’s words from it; both: their weighted sum.',
  } satisfies EnumSpec<JointObjective>,
  jointAttrWeight: {
    kind: 'number',
    appliesTo: { framework: ['joint'], jointObjective: ['supervised', 'both'] },
    group: 'objective',
    default: 1,
    min: 0,
    max: 100,
    label: 'Attribute weight',
    help: 'Weight of the attribute cross-entropy (supervised objective).',
  } satisfies NumberSpec,
  jointReconWeight: {
    kind: 'number',
    appliesTo: { framework: ['joint'], jointObjective: ['autoencoder', 'both'] },
    group: 'objective',
    default: 1,
    min: 0,
    max: 100,
    label: 'Reconstruction weight',
    help: 'Weight of reconstructing both modalities from the joint code (autoencoder objective).',
  } satisfies NumberSpec,
  unimodalReconWeight: {
    kind: 'number',
    appliesTo: { framework: ['joint'] },
    group: 'objective',
    default: 0,
    min: 0,
    max: 100,
    label: 'Per-modality reconstruction',
    help: 'Weight of reconstructing each modality from its own vector before fusion: keeps modality-specific information.',
  } satisfies NumberSpec,
  traceNormWeight: {
    kind: 'number',
    appliesTo: { framework: ['joint'] },
    group: 'objective',
    default: 0,
    min: 0,
    max: 1,
    label: 'Trace-norm weight',
    help: 'Weight of a trace-norm surrogate on the fusion weights, which favours few cross-modal interactions.',
  } satisfies NumberSpec,
  modalityDropout: {
    kind: 'number',
    appliesTo: { framework: ['joint'] },
    group: 'objective',
    default: 0.5,
    min: 0,
    max: 1,
    label: 'Modality dropout',
    help: 'Chance that a training pair loses its image or its caption, so either alone must give the joint code.',
  } satisfies NumberSpec,
} as const;
