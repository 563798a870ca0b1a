import type { ExperimentConfig } from '../../core/experiment/config';

/**
 * A line under the loss chart where the loss is not an error that falls to 0, or null. Deep CCA maximises
 * the total canonical correlation, so its loss is that total negated: negative, falling towards −k.
 */
export function lossNote(
  config: Pick<ExperimentConfig, 'loss' | 'dim' | 'ccaTopK' | 'softccaLambda'>,
): string | null {
  if (config.loss === 'dcca') {
    const k = config.ccaTopK > 0 ? Math.min(config.ccaTopK, config.dim) : config.dim;
    return (
      `Deep CCA's loss is minus the total canonical correlation of each batch (the sum of its ${k} ` +
      `largest correlations, each at most 1): it is negative, and the best it can reach is −${k}.`
    );
  }
  if (config.loss === 'softcca')
    return (
      `Soft CCA's loss is the distance between the two views' standardised outputs plus λ = ` +
      `${config.softccaLambda} times their correlations within each view: 0 at best.`
    );
  return null;
}
