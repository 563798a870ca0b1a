import type { IntSpec, NumberSpec } from './paramSpec';

/** Losses of coordinated representation by correlation (the `loss` setting, see commonParams.ts). */
export const CORRELATION_LOSSES = ['dcca', 'softcca'] as const;

/** Settings of coordinated representation by correlation (Deep CCA and soft CCA). */
export const CORRELATION_PARAMS = {
  ccaReg: {
    kind: 'number',
    appliesTo: { framework: ['correlation'] },
    group: 'objective',
    default: 0.1,
    min: 1e-6,
    max: 1,
    label: 'CCA regularisation',
    help: 'Ridge r added to each covariance (times its mean variance) before it is inverted, as in Deep CCA. Andrew et al. used 1e-3 on full batches; a 64-pair batch estimates 32-wide covariances poorly, and 0.1 learns faster and steadier there.',
  } satisfies NumberSpec,
  ccaTopK: {
    kind: 'int',
    appliesTo: { framework: ['correlation'], loss: ['dcca'] },
    group: 'objective',
    default: 0,
    min: 0,
    max: 512,
    label: 'Correlations maximised',
    help: 'Deep CCA maximises the sum of the k largest canonical correlations; 0 means all of them.',
  } satisfies IntSpec,
  softccaLambda: {
    kind: 'number',
    appliesTo: { framework: ['correlation'], loss: ['softcca'] },
    group: 'objective',
    default: 0.5,
    min: 0,
    max: 100,
    label: 'Decorrelation weight',
    help: 'Soft CCA: weight λ of the penalty on correlations between features of one view, which stops every feature from copying the same signal.',
  } satisfies NumberSpec,
  ccaScatterPoints: {
    kind: 'int',
    appliesTo: { framework: ['correlation'] },
    group: 'objective',
    default: 100,
    min: 0,
    max: 20000,
    label: 'Variate scatter points',
    help: 'How many evaluation pairs report their first two canonical variates (for the scatter of both modalities); 0 for none.',
  } satisfies IntSpec,
} as const;
