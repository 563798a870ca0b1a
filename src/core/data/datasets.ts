import type { PairDataset } from './pairs';
import type { ExperimentConfig } from '../experiment/config';
import { generateShapeCaptions } from './shapes/shapeCaptions';

/** The built-in dataset a config names, generated from the config's seed. */
export function builtInDataset(config: ExperimentConfig): PairDataset {
  switch (config.dataset) {
    case 'shapes':
      return generateShapeCaptions({
        seed: config.seed,
        trainSize: config.trainSize,
        evalSize: config.evalSize,
        noise: config.noise,
      });
  }
}
