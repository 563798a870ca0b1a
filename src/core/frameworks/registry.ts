import type { FrameworkDefinition } from './framework';
import type { ExperimentConfig } from '../experiment/config';
import { coordinated } from './coordinated';

/** Every framework the playground can train, by config name. */
export const FRAMEWORK_REGISTRY: Record<ExperimentConfig['framework'], FrameworkDefinition> = {
  coordinated,
};

export function frameworkOf(config: ExperimentConfig): FrameworkDefinition {
  return FRAMEWORK_REGISTRY[config.framework];
}
