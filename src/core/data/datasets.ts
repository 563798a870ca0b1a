import type { PairDataset } from './pairs';
import type { ExperimentConfig } from '../experiment/config';
import { generateShapeCaptions } from './shapes/shapeCaptions';
import { modalitiesOf } from './modalities';

/** The procedural dataset a config names, generated from the config's seed (throws for file-based data). */
export function builtInDataset(config: ExperimentConfig): PairDataset {
  switch (config.dataset) {
    case 'shapes':
      return generateShapeCaptions({
        seed: config.seed,
        trainSize: config.trainSize,
        evalSize: config.evalSize,
        noise: config.noise,
        captionOmit: config.captionOmit,
        greyscale: config.greyscale,
        pitchless: config.pitchless,
        audio: modalitiesOf(config.modalities).includes('audio'),
      });
    case 'emoji':
    case 'imported':
      // Loaded from files, not generated: the app's worker and the runner's --data read them.
      throw new Error(
        config.dataset === 'emoji'
          ? 'The emoji dataset is read from its files (runner: --data emoji).'
          : 'Imported pairs are read from the user’s files (runner: --data PATH).',
      );
  }
}
