import type { FrameworkDefinition } from './framework';
import type { ExperimentConfig } from '../experiment/config';
import { coordinated } from './coordinated';
import { correlation } from './correlation';
import { joint } from './joint';
import { encdec } from './encdec';

/** Every framework the playground can train, by config name. */
export const FRAMEWORK_REGISTRY: Record<ExperimentConfig['framework'], FrameworkDefinition> = {
  coordinated,
  correlation,
  joint,
  encdec,
};

export function frameworkOf(config: ExperimentConfig): FrameworkDefinition {
  return FRAMEWORK_REGISTRY[config.framework];
}
