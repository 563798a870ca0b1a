import type { Rng } from '../random/rng';
import type { ExperimentConfig } from '../experiment/config';
import type { ParamStore } from '../models/params';
import type { Encoder } from '../models/encoder';
import { createDense, type Dense } from '../models/dense';
import { createAudioEncoder } from '../models/audioEncoders';
import { modalitiesOf, type Modality } from '../data/modalities';

/** The run's modalities, from its config (canonical order). */
export function runModalities(config: ExperimentConfig): Modality[] {
  return modalitiesOf(config.modalities);
}

/** Whether the run learns from sound. */
export function hasAudio(config: ExperimentConfig): boolean {
  return runModalities(config).includes('audio');
}

/** A sound encoder and its projection to `outDim` (weights 'audio/...' and `${name}`). */
export interface AudioTower {
  readonly encoder: Encoder;
  readonly head: Dense;
}

/**
 * The sound tower of a framework, or null when the run has no sound. Built after the image and text
 * towers, so a run without sound draws its initial weights exactly as before sound existed.
 */
export function createAudioTower(
  config: ExperimentConfig,
  params: ParamStore,
  headName: string,
  outDim: number,
  rng: Rng,
): AudioTower | null {
  if (!hasAudio(config)) return null;
  const encoder = createAudioEncoder(config.audioEncoder, params, config.audioHidden, rng);
  return { encoder, head: createDense(params, headName, encoder.outDim, outDim, rng) };
}
