/**
 * Which settings change what a training step costs, so an automatic backend decision measured for one
 * config serves every config with the same cost (a queue over seeds or temperatures is probed once).
 */
import type { ConfigKey, ExperimentConfig } from '../core/experiment/config';

/**
 * Settings that leave a step's work unchanged: the data's content and sizes (a batch is batchSize pairs
 * whatever the set's size), the schedule, and scalars that enter the loss as numbers (temperature,
 * margin, CCA ridge) or act only in evaluation (decoding, the CCA scatter).
 */
const COST_NEUTRAL = [
  'dataset',
  'trainSize',
  'evalSize',
  'evalShare',
  'noise',
  'captionOmit',
  'greyscale',
  'pitchless',
  'seed',
  'steps',
  'lr',
  'evalEvery',
  'temperature',
  'margin',
  'ccaReg',
  'ccaScatterPoints',
  'decoding',
  'beamWidth',
  'lengthPenalty',
  'samplingTemperature',
] as const satisfies readonly ConfigKey[];

/** Equal for two configs whose training steps cost the same on every backend. */
export function costKey(config: ExperimentConfig): string {
  const rest: Record<string, unknown> = { ...config };
  for (const key of COST_NEUTRAL) delete rest[key];
  return JSON.stringify(rest);
}
