import { CONFIG_KEYS, defaultConfig, type ExperimentConfig } from '../../core/experiment/config';

/**
 * What sets a run apart, in a few settings: those that differ between the kept runs (or from the
 * defaults when there is one run), e.g. "temperature 0.3, seed 2".
 */
export function runLabel(config: ExperimentConfig, others: readonly ExperimentConfig[]): string {
  const pool = others.length > 1 ? others : [defaultConfig()];
  const varying = CONFIG_KEYS.filter((k) => k !== 'steps' && pool.some((o) => o[k] !== config[k]));
  const shown = (varying.length ? varying : ['framework' as const, 'seed' as const]).slice(0, 3);
  return shown.map((k) => `${k} ${String(config[k])}`).join(', ');
}
