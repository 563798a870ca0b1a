/**
 * `--export-torch DIR`: writes the experiment as a PyTorch project (see core/export/torch) instead of
 * training it. The Python templates are read from this checkout's src/core/export/torch/templates/.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExperimentConfig } from '../core/experiment/config';
import type { PairDataset } from '../core/data/pairs';
import { DEFAULT_MODALITIES } from '../core/data/modalities';
import {
  TORCH_TEMPLATE_NAMES,
  torchProjectFiles,
  type TorchTemplates,
} from '../core/export/torch/torchProject';

const TEMPLATES = fileURLToPath(new URL('../core/export/torch/templates/', import.meta.url));

export async function readTorchTemplates(): Promise<TorchTemplates> {
  const texts = await Promise.all(TORCH_TEMPLATE_NAMES.map((n) => readFile(join(TEMPLATES, n), 'utf8')));
  return Object.fromEntries(TORCH_TEMPLATE_NAMES.map((n, i) => [n, texts[i]])) as TorchTemplates;
}

/** Why the export cannot mirror the run's modalities, or null: the Python mirror has image and text towers. */
export function torchModalitiesProblem(config: ExperimentConfig): string | null {
  return config.modalities === DEFAULT_MODALITIES
    ? null
    : `The PyTorch export mirrors image and text so far, not the modalities ${config.modalities}.`;
}

/** Writes the project into `dir` (created if needed); returns the number of files written. */
export async function exportTorch(
  config: ExperimentConfig,
  dataset: PairDataset,
  dir: string,
): Promise<number> {
  const problem = torchModalitiesProblem(config);
  if (problem) throw new Error(problem);
  const files = torchProjectFiles({ config, dataset, templates: await readTorchTemplates() });
  const folders = new Set(Object.keys(files).map((p) => dirname(join(dir, p))));
  for (const folder of folders) await mkdir(folder, { recursive: true });
  await Promise.all(Object.entries(files).map(([path, bytes]) => writeFile(join(dir, path), bytes)));
  return Object.keys(files).length;
}
