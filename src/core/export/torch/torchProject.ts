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
import { fillReadme, modelText, objective } from './torchReadme';

/** The template files, by name; every one but README.md is copied verbatim. */
export const TORCH_TEMPLATE_NAMES = [
  'README.md',
  'train.py',
  'frameworks.py',
  'inputs.py',
  'model.py',
  'correlation.py',
  'linalg.py',
  'cca_metrics.py',
  'joint.py',
  'encdec.py',
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

/** The frameworks the PyTorch project builds (frameworks.py dispatches on the same names). */
const MIRRORED_FRAMEWORKS: readonly ExperimentConfig['framework'][] = [
  'coordinated',
  'correlation',
  'joint',
  'encdec',
];

/** Why `config` cannot be exported to PyTorch (what is not mirrored yet), or null when it can. */
export function torchExportProblem(config: ExperimentConfig): string | null {
  if (!MIRRORED_FRAMEWORKS.includes(config.framework))
    return `The PyTorch export mirrors the ${MIRRORED_FRAMEWORKS.join(', ')} frameworks so far, not '${config.framework}'.`;
  // The Python mirror has image and text towers only (the runner says so too, see cli/exportTorch.ts).
  if (config.modalities !== 'image,text')
    return `The PyTorch export mirrors image and text so far, not the modalities ${config.modalities}.`;
  // 'cnn-portable' computes the same function as 'cnn' (see models/conv.ts): PyTorch's conv2d serves both.
  if (!MIRRORED_IMAGE_ENCODERS.includes(config.imageEncoder))
    return `The PyTorch export mirrors the 'mlp' and 'cnn' image encoders so far, not '${config.imageEncoder}'.`;
  if (config.textEncoder !== 'bow')
    return `The PyTorch export mirrors the 'bow' text encoder so far, not '${config.textEncoder}'.`;
  return null;
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
    fillReadme(templates['README.md'], {
      dataset: dataset.name,
      trainSize: String(dataset.train.size),
      evalSize: String(dataset.eval.size),
      heldOut: String(dataset.eval.heldOut?.reduce((n, h) => n + h, 0) ?? 0),
      model: modelText(config),
      objective: objective(config),
      batchSize: String(config.batchSize),
      lr: String(config.lr),
      steps: String(config.steps),
      seed: String(config.seed),
      evalEvery: String(config.evalEvery),
    }),
  );
  Object.assign(files, pairSetFiles(dataset.train, 'data/train'), pairSetFiles(dataset.eval, 'data/eval'));
  // What the metadata's `attributes` columns mean: names, and the names of each one's values.
  if (dataset.schema)
    files['data/schema.json'] = encoder.encode(`${JSON.stringify(dataset.schema, null, 2)}\n`);
  return files;
}
