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

const FUSION_NAMES: Readonly<Record<ExperimentConfig['fusion'], string>> = {
  concat: 'concatenation',
  additive: 'additive (Σ W_m v_m)',
  tensor: 'tensor (outer product of [v; 1]s)',
  lowrank: 'low-rank tensor',
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
    case 'multitask':
      return jointObjective(config);
    case 'mle':
      return encdecObjective(config);
    default:
      return name;
  }
}

/** The joint framework's weighted terms, under modality dropout. */
function jointObjective(config: ExperimentConfig): string {
  const terms: string[] = [];
  if (config.jointObjective !== 'autoencoder')
    terms.push(`${config.jointAttrWeight} × the attributes' cross-entropy from the joint code`);
  if (config.jointObjective !== 'supervised')
    terms.push(
      `${config.jointReconWeight} × reconstruction of the image (16×16, MSE over the batch's pixel variance) and the caption's bag of words from it`,
    );
  if (config.unimodalReconWeight > 0)
    terms.push(`${config.unimodalReconWeight} × the same reconstructions from each modality's own vector`);
  if (config.traceNormWeight > 0) terms.push(`${config.traceNormWeight} × the fusion's trace-norm surrogate`);
  return `${terms.join(' + ')}; modality dropout ${config.modalityDropout} (a row loses its image or its caption)`;
}

/** The encoder–decoder's terms: the generations' likelihood and the consistency of the two latents. */
function encdecObjective(config: ExperimentConfig): string {
  const terms: string[] = [];
  if (config.direction !== 't2i') terms.push('the mean negative log-likelihood per caption token');
  if (config.direction !== 'i2t') terms.push("the mean binary cross-entropy of the image's pixels");
  if (config.consistencyWeight > 0)
    terms.push(
      `${config.consistencyWeight} × ${config.consistency === 'infonce' ? 'InfoNCE (temperature 0.1)' : 'the squared distance'} between the two latents`,
    );
  return terms.join(' + ');
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
    case 'joint':
      return (
        `joint representation by fusion. The image encoder ${imageTower(config)}; the caption's bag of ` +
        `words (summing to 1) goes through dense ${config.textHidden} + ReLU. Each is projected to ` +
        `${config.modalityDim} dimensions and layer-normalised; ${FUSION_NAMES[config.fusion]} fusion ` +
        `(tanh) maps the two vectors to a ${config.dim}-dimensional joint code. An image alone or a ` +
        `caption alone is fused with the other modality absent, then L2-normalised.`
      );
    case 'encdec': {
      const decoders: string[] = [];
      if (config.direction !== 't2i')
        decoders.push(
          `a GRU caption decoder (${config.decoderHidden} units, teacher forced) reads the image latent`,
        );
      if (config.direction !== 'i2t')
        decoders.push(
          `${config.imageDecoder === 'dense' ? 'a dense' : 'an up-convolution'} image decoder reads the caption latent`,
        );
      return (
        `encoder–decoder. The image encoder ${imageTower(config)}; the caption's bag of words goes ` +
        `through dense ${config.textHidden} + ReLU; each is projected to a ${config.dim}-dimensional ` +
        `unit latent (the shared codes). Scaled by √${config.dim}, ${decoders.join(', and ')}.`
      );
    }
    default:
      return `coordinated representation by similarity, with two towers. ${towers(config)} Both codes are L2-normalised.`;
  }
}

/** `{{name}}` in the README template -> its value. */
export function fillReadme(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}
