import type { BoolSpec, EnumSpec, NumberSpec } from './paramSpec';

export const COORDINATED_LOSSES = ['infonce', 'hinge', 'vsepp'] as const;
export type CoordinatedLoss = (typeof COORDINATED_LOSSES)[number];

/** Settings of coordinated representation by similarity (contrastive and ranking losses). */
export const COORDINATED_PARAMS = {
  loss: {
    kind: 'enum',
    default: 'infonce',
    options: COORDINATED_LOSSES,
    label: 'Loss',
    help: 'infonce: symmetric InfoNCE (CLIP); hinge: ranking loss summed over negatives (DeViSE, VSE); vsepp: hardest negative only (VSE++).',
  } satisfies EnumSpec<CoordinatedLoss>,
  temperature: {
    kind: 'number',
    default: 0.1,
    min: 0.01,
    max: 10,
    label: 'Temperature',
    help: 'InfoNCE divides similarities by τ: small τ sharpens the softmax over the batch.',
  } satisfies NumberSpec,
  learnTemperature: {
    kind: 'bool',
    default: false,
    label: 'Learn temperature',
    help: 'Learn τ with the weights, as CLIP does (starting from the value above, τ ≥ 0.01).',
  } satisfies BoolSpec,
  margin: {
    kind: 'number',
    default: 0.2,
    min: 0,
    max: 2,
    label: 'Margin',
    help: 'Hinge losses: how much more similar a true pair must be than a wrong one.',
  } satisfies NumberSpec,
} as const;
