import { CONFIG_KEYS, CONFIG_SPEC, defaultConfig, resolveConfig, type ExperimentConfig } from './config';

/** Longest hash accepted; anything longer is not a link this app wrote. */
const MAX_HASH_LENGTH = 4000;

/**
 * The config as a URL hash, TensorFlow Playground style: `#framework=coordinated&lr=0.005`. Only settings
 * that differ from their defaults are written, so links stay short and keep working when defaults are
 * added. `extras` carries view settings that are not part of the experiment (e.g. the backend).
 */
export function encodeHash(config: ExperimentConfig, extras: Record<string, string> = {}): string {
  const defaults = defaultConfig();
  const params = new URLSearchParams();
  for (const key of CONFIG_KEYS) {
    if (config[key] !== defaults[key]) params.set(key, String(config[key]));
  }
  for (const [key, value] of Object.entries(extras)) params.set(key, value);
  const s = params.toString();
  return s ? `#${s}` : '';
}

export interface DecodedHash {
  config: ExperimentConfig;
  /** The settings as the link wrote them, before validation (empty when it sets none). */
  raw: Record<string, unknown>;
  /** Values of the `extraKeys` found in the hash. */
  extras: Record<string, string>;
  /** Problems found; the affected settings fell back to their defaults. Empty for a clean link. */
  errors: string[];
}

/**
 * Reads a config back from a hash. Never throws: a broken, truncated or hostile hash yields the defaults
 * (or the valid part of it) and a list of what was ignored, for a visible notice.
 */
export function decodeHash(hash: string, extraKeys: readonly string[] = []): DecodedHash {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body.length === 0) return { config: defaultConfig(), raw: {}, extras: {}, errors: [] };
  if (body.length > MAX_HASH_LENGTH) {
    return {
      config: defaultConfig(),
      raw: {},
      extras: {},
      errors: [`the link's settings are too long (${body.length} characters)`],
    };
  }
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(body);
  } catch {
    return {
      config: defaultConfig(),
      raw: {},
      extras: {},
      errors: ['the link’s settings could not be read'],
    };
  }
  const raw: Record<string, unknown> = {};
  const extras: Record<string, string> = {};
  for (const [key, value] of params) {
    if (extraKeys.includes(key)) extras[key] = value;
    else raw[key] = value;
  }
  const { config, errors } = resolveConfig(raw);
  return { config, raw, extras, errors };
}

/** True when `key` is a config setting (for callers that build hashes by hand). */
export function isConfigKey(key: string): boolean {
  return Object.hasOwn(CONFIG_SPEC, key);
}
