import type { DatasetName } from './commonParams';
import { defaultConfig, type ConfigKey, type ExperimentConfig } from './config';

/**
 * Recommended settings per dataset, over the defaults (which are tuned for the generated shapes).
 *
 * Emoji: 1,715 training images of 3,072 pixels, each a different meaning, evaluated in another art
 * style. On the defaults (batch 64, all 1,906 evaluation pairs) a minute on two cores reached R@1 ≈ 0.1
 * while each layout of the 3,812 codes took seconds. Batch 128 learns about twice as much per step on the
 * same weights; a seeded sample of 512 evaluation pairs keeps metrics and a layout refresh well under a
 * second (UMAP at 1,024 points) and R@1 comparable with the shapes set (chance 1/512 either way).
 * Measured figures are in the README ("What to expect from the emoji set").
 */
export const DATASET_PRESETS: Readonly<Record<DatasetName, Readonly<Partial<ExperimentConfig>>>> = {
  shapes: {},
  emoji: { batchSize: 128, evalSize: 512, evalEvery: 20 },
  imported: {},
};

/** Every setting some preset recommends a value for. */
const PRESET_KEYS: readonly ConfigKey[] = [
  ...new Set(Object.values(DATASET_PRESETS).flatMap((p) => Object.keys(p) as ConfigKey[])),
];

/** What `dataset` recommends for each preset setting: its own value, or the default. */
function recommended(dataset: DatasetName): Partial<ExperimentConfig> {
  const defaults = defaultConfig();
  const preset = datasetPreset(dataset);
  return Object.fromEntries(PRESET_KEYS.map((k) => [k, Object.hasOwn(preset, k) ? preset[k] : defaults[k]]));
}

/**
 * The patch that switches `config` to `dataset` (for `updateConfig`): the new dataset, and for each preset
 * setting still at what the old dataset recommends, what the new one recommends. A value the user chose
 * is kept, so leaving emoji for shapes restores batch 64 unless the batch was changed by hand.
 */
export function switchDataset(config: ExperimentConfig, dataset: DatasetName): Partial<ExperimentConfig> {
  const before = recommended(config.dataset);
  const after = recommended(dataset);
  const patch: Partial<Record<ConfigKey, unknown>> = { dataset };
  for (const key of PRESET_KEYS) if (config[key] === before[key]) patch[key] = after[key];
  return patch as Partial<ExperimentConfig>;
}

/** The preset of a dataset named in untrusted settings (runner flags); none for an unknown name. */
export function datasetPreset(name: unknown): Readonly<Partial<ExperimentConfig>> {
  return typeof name === 'string' && Object.hasOwn(DATASET_PRESETS, name)
    ? DATASET_PRESETS[name as DatasetName]
    : {};
}
