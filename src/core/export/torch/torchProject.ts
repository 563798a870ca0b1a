/**
 * The experiment as a self-contained PyTorch project: the Python files in ./templates (copied as they
 * are: they read their settings from config.json), config.json, a README filled in for the config, and
 * the dataset the run trains on as image files (data/train, data/eval; see pairFolder.ts).
 *
 * Pure: the templates come in as text, so the runner reads them from disk and the page bundles them.
 */
import type { ExperimentConfig } from '../../experiment/config';
import type { PairDataset } from '../../data/pairs';
import type { ImageEncoderName } from '../../models/encoderNames';
import { pairSetFiles } from './pairFolder';

/** The template files, by name; every one but README.md is copied verbatim. */
export const TORCH_TEMPLATE_NAMES = [
  'README.md',
  'train.py',
  'model.py',
  'distributed.py',
  'data.py',
  'text.py',
  'metrics.py',
  'projector.py',
  'rng.py',
  'requirements.txt',
] as const;
export type TorchTemplateName = (typeof TORCH_TEMPLATE_NAMES)[number];
export type TorchTemplates = Readonly<Record<TorchTemplateName, string>>;

/** The image encoders the PyTorch project builds (today every one; a new encoder is not mirrored by itself). */
const MIRRORED_IMAGE_ENCODERS: readonly ImageEncoderName[] = ['mlp', 'cnn', 'cnn-portable'];

/** Why `config` cannot be exported to PyTorch (what is not mirrored yet), or null when it can. */
export function torchExportProblem(config: ExperimentConfig): string | null {
  if (config.framework !== 'coordinated')
    return `The PyTorch export mirrors the coordinated framework (InfoNCE, hinge, VSE++) so far, not '${config.framework}'.`;
  // 'cnn-portable' computes the same function as 'cnn' (see models/conv.ts): PyTorch's conv2d serves both.
  if (!MIRRORED_IMAGE_ENCODERS.includes(config.imageEncoder))
    return `The PyTorch export mirrors the 'mlp' and 'cnn' image encoders so far, not '${config.imageEncoder}'.`;
  if (config.textEncoder !== 'bow')
    return `The PyTorch export mirrors the 'bow' text encoder so far, not '${config.textEncoder}'.`;
  return null;
}

const LOSS_NAMES: Readonly<Record<string, string>> = {
  infonce: 'InfoNCE (CLIP)',
  hinge: 'hinge ranking, sum over negatives (DeViSE / VSE)',
  vsepp: 'hinge ranking, hardest negative (VSE++)',
};

/** The objective in words, with its own setting. */
function objective(config: ExperimentConfig): string {
  const name = LOSS_NAMES[config.loss] ?? config.loss;
  if (config.loss !== 'infonce') return `${name}, margin ${config.margin}`;
  return config.learnTemperature
    ? `${name}, learnt temperature starting at ${config.temperature} (at least 0.01)`
    : `${name}, temperature ${config.temperature}`;
}

/** The image tower in words. */
function imageTower(config: ExperimentConfig): string {
  const convs =
    config.imageEncoder === 'mlp'
      ? ''
      : 'two 3×3 convolution + ReLU + 2×2 average-pooling stages (16 and 32 channels), then ';
  return `centres each image on its mean brightness, then applies ${convs}dense ${config.imageHidden} + ReLU`;
}

/** `{{name}}` in the README template -> its value. */
function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

export interface TorchProjectInput {
  readonly config: ExperimentConfig;
  /** The pairs the TF.js run trains and evaluates on. */
  readonly dataset: PairDataset;
  readonly templates: TorchTemplates;
}

/** Every file of the project by path, as bytes. Throws when the config is not mirrored (see above). */
export function torchProjectFiles({
  config,
  dataset,
  templates,
}: TorchProjectInput): Record<string, Uint8Array> {
  const problem = torchExportProblem(config);
  if (problem) throw new Error(problem);
  const encoder = new TextEncoder();
  const files: Record<string, Uint8Array> = {};
  for (const name of TORCH_TEMPLATE_NAMES) {
    if (name !== 'README.md') files[name] = encoder.encode(templates[name]);
  }
  files['config.json'] = encoder.encode(`${JSON.stringify(config, null, 2)}\n`);
  files['README.md'] = encoder.encode(
    fill(templates['README.md'], {
      dataset: dataset.name,
      trainSize: String(dataset.train.size),
      evalSize: String(dataset.eval.size),
      heldOut: String(dataset.eval.heldOut?.reduce((n, h) => n + h, 0) ?? 0),
      objective: objective(config),
      imageTower: imageTower(config),
      textHidden: String(config.textHidden),
      dim: String(config.dim),
      batchSize: String(config.batchSize),
      lr: String(config.lr),
      steps: String(config.steps),
      seed: String(config.seed),
      evalEvery: String(config.evalEvery),
    }),
  );
  Object.assign(files, pairSetFiles(dataset.train, 'data/train'), pairSetFiles(dataset.eval, 'data/eval'));
  return files;
}
