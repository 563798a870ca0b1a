import type { BoolSpec, NumberSpec } from './paramSpec';

/** Losses of coordinated representation by similarity (the `loss` setting, see commonParams.ts). */
export const COORDINATED_LOSSES = ['infonce', 'hinge', 'vsepp'] as const;

/** Settings of coordinated representation by similarity (contrastive and ranking losses). */
export const COORDINATED_PARAMS = {
  temperature: {
    kind: 'number',
    default: 0.1,
    min: 0.01,
    max: 10,
    appliesTo: { framework: ['coordinated'], loss: ['infonce'] },
    group: 'objective',
    label: 'Temperature',
    help: 'InfoNCE divides similarities by τ: small τ sharpens the softmax over the batch.',
  } satisfies NumberSpec,
  learnTemperature: {
    kind: 'bool',
    default: false,
    appliesTo: { framework: ['coordinated'], loss: ['infonce'] },
    group: 'objective',
    label: 'Learn temperature',
    help: 'Learn τ with the weights, as CLIP does (starting from the value above, τ ≥ 0.01).',
  } satisfies BoolSpec,
  margin: {
    kind: 'number',
    default: 0.2,
    min: 0,
    max: 2,
    appliesTo: { framework: ['coordinated'], loss: ['hinge', 'vsepp'] },
    group: 'objective',
    label: 'Margin',
    help: 'Hinge losses: how much more similar a true pair must be than a wrong one.',
  } satisfies NumberSpec,
} as const;
