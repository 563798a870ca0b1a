/**
 * The parts of the PyTorch project's README that depend on the config: the model and the objective in
 * words, filled into the template's `{{name}}` placeholders.
 */
import type { ExperimentConfig } from '../../experiment/config';

const LOSS_NAMES: Readonly<Record<string, string>> = {
  infonce: 'InfoNCE (CLIP)',
  hinge: 'hinge ranking, sum over negatives (DeViSE / VSE)',
  vsepp: 'hinge ranking, hardest negative (VSE++)',
  dcca: 'Deep CCA (Andrew et al. 2013): minus the total canonical correlation of each batch',
  softcca:
    'soft CCA (Chang et al. 2018): the distance between the standardised views plus a decorrelation penalty',
};

/** The objective in words, with its own settings. */
export function objective(config: ExperimentConfig): string {
  const name = LOSS_NAMES[config.loss] ?? config.loss;
  switch (config.loss) {
    case 'infonce':
      return config.learnTemperature
        ? `${name}, learnt temperature starting at ${config.temperature} (at least 0.01)`
        : `${name}, temperature ${config.temperature}`;
    case 'hinge':
    case 'vsepp':
      return `${name}, margin ${config.margin}`;
    case 'dcca':
      return `${name}, ridge ${config.ccaReg} of each view's mean variance, ${
        config.ccaTopK > 0 ? `the ${config.ccaTopK} largest correlations` : 'all correlations'
      }`;
    case 'softcca':
      return `${name} of weight ${config.softccaLambda}, running matrices with momentum 0.95`;
    default:
      return name;
  }
}

/** The image tower in words. */
function imageTower(config: ExperimentConfig): string {
  const convs =
    config.imageEncoder === 'mlp'
      ? ''
      : 'two 3×3 convolution + ReLU + 2×2 average-pooling stages (16 and 32 channels), then ';
  return `centres each image on its mean brightness, then applies ${convs}dense ${config.imageHidden} + ReLU`;
}

/** Both towers in words (shared by the coordinated and correlation frameworks). */
function towers(config: ExperimentConfig): string {
  return (
    `The image tower ${imageTower(config)}, then a linear projection to ${config.dim} dimensions. ` +
    `The text tower turns a caption into a bag of words that sums to 1, then applies dense ` +
    `${config.textHidden} + ReLU, then a linear projection to ${config.dim} dimensions.`
  );
}

/** The model in words, per framework. */
export function modelText(config: ExperimentConfig): string {
  switch (config.framework) {
    case 'correlation':
      return (
        `coordinated representation by correlation, with two towers. ${towers(config)} The shared ` +
        `space is a linear CCA readout of the two outputs (each view's canonical variates weighted by ` +
        `their correlations), refitted on the last ~1,024 training pairs whenever the weights changed, ` +
        `then L2-normalised.`
      );
    default:
      return `coordinated representation by similarity, with two towers. ${towers(config)} Both codes are L2-normalised.`;
  }
}

/** `{{name}}` in the README template -> its value. */
export function fillReadme(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}
