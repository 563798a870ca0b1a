import { parseValue, type ParamSpec, type ValueOf } from './paramSpec';
import { COMMON_PARAMS, FRAMEWORK_LOSSES } from './commonParams';
import { COORDINATED_PARAMS } from './coordinatedParams';
import { CORRELATION_PARAMS } from './correlationParams';
import { JOINT_PARAMS } from './jointParams';
import { ENCDEC_PARAMS } from './encdecParams';
import { parseModalities } from '../data/modalities';

/** Every setting of an experiment, one table. Frameworks add their rows from their own params file. */
export const CONFIG_SPEC = {
  ...COMMON_PARAMS,
  ...COORDINATED_PARAMS,
  ...CORRELATION_PARAMS,
  ...JOINT_PARAMS,
  ...ENCDEC_PARAMS,
} as const satisfies Record<string, ParamSpec>;

export type ConfigKey = keyof typeof CONFIG_SPEC;
/** A complete, validated experiment setup. Plain data: it crosses to the worker and into the URL as is. */
export type ExperimentConfig = { -readonly [K in ConfigKey]: ValueOf<(typeof CONFIG_SPEC)[K]> };

export const CONFIG_KEYS = Object.keys(CONFIG_SPEC) as ConfigKey[];

export function defaultConfig(): ExperimentConfig {
  const out: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) out[key] = CONFIG_SPEC[key].default;
  return out as ExperimentConfig;
}

export interface ConfigResult {
  config: ExperimentConfig;
  /** One readable message per rejected or unknown setting; those settings keep their defaults. */
  errors: string[];
}

/**
 * Builds a config from untrusted settings (a URL hash, runner flags, a saved file): known keys are
 * parsed and range-checked, bad values fall back to their defaults with a message, unknown keys are
 * reported. Never throws.
 */
export function resolveConfig(
  raw: Record<string, unknown>,
  base: ExperimentConfig = defaultConfig(),
): ConfigResult {
  const config = { ...base } as Record<string, unknown>;
  const errors: string[] = [];
  let lossRejected = false;
  for (const [key, value] of Object.entries(raw)) {
    if (!Object.hasOwn(CONFIG_SPEC, key)) {
      errors.push(`unknown setting ${JSON.stringify(key.slice(0, 40))}`);
      continue;
    }
    // A list of modalities may come in any order; it is kept in the one canonical spelling.
    const parsed =
      key === 'modalities' && typeof value === 'string'
        ? parseModalities(value)
        : parseValue(key, CONFIG_SPEC[key as ConfigKey], value);
    if ('error' in parsed) {
      errors.push(parsed.error);
      if (key === 'loss') lossRejected = true;
    } else config[key] = parsed.value;
  }
  // A framework picked without a loss gets its own default loss; a loss of another framework is an error.
  const allowed: readonly string[] = FRAMEWORK_LOSSES[config.framework as ExperimentConfig['framework']];
  if (!allowed.includes(config.loss as string)) {
    if (Object.hasOwn(raw, 'loss') && !lossRejected) {
      errors.push(
        `loss ${String(config.loss)} is not a loss of the ${String(config.framework)} framework (choose ${allowed.join(', ')})`,
      );
    }
    config.loss = allowed[0];
  }
  return { config: config as ExperimentConfig, errors };
}
