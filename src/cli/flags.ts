import {
  CONFIG_KEYS,
  CONFIG_SPEC,
  resolveConfig,
  type ConfigKey,
  type ExperimentConfig,
} from '../core/experiment/config';
import { NODE_BACKENDS, type NodeBackend } from './nodeBackends';

/** Runner options that are not part of the experiment itself. */
export interface RunnerOptions {
  backend: NodeBackend;
  out?: string;
  /** `--data PATH|emoji`: train on a folder or .zip of image-caption pairs, or the emoji set. */
  data?: string;
  quiet: boolean;
  help: boolean;
}

export class UsageError extends Error {}

/** camelCase -> kebab-case: evalEvery -> eval-every. */
const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Flag name -> config key, accepting the spec's short flag (batch), the key (batchSize) and kebab-case (batch-size). */
const FLAG_TO_KEY = new Map<string, ConfigKey>();
for (const key of CONFIG_KEYS) {
  const spec = CONFIG_SPEC[key];
  FLAG_TO_KEY.set(key, key);
  FLAG_TO_KEY.set(kebab(key), key);
  if ('flag' in spec && spec.flag) FLAG_TO_KEY.set(spec.flag, key);
}

/**
 * Parses `--name value` / `--name=value` / `--flag` (booleans) arguments. Every problem is collected into
 * one UsageError listing them all, so a user fixes a command line in one go.
 */
export function parseFlags(argv: readonly string[]): { config: ExperimentConfig; options: RunnerOptions } {
  const raw: Record<string, unknown> = {};
  const options: RunnerOptions = { backend: 'wasm', quiet: false, help: false };
  const errors: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) {
      errors.push(`unexpected argument ${JSON.stringify(arg)} (flags look like --steps 600)`);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq >= 0 ? eq : undefined);
    const key = FLAG_TO_KEY.get(name);
    const isBool = (key && CONFIG_SPEC[key].kind === 'bool') || name === 'quiet' || name === 'help';
    let value: string | undefined = eq >= 0 ? arg.slice(eq + 1) : undefined;
    if (value === undefined && !isBool) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) {
        errors.push(`--${name} needs a value`);
        continue;
      }
      value = next;
      i++;
    }
    if (name === 'help') options.help = true;
    else if (name === 'quiet') options.quiet = value === undefined || value === 'true';
    else if (name === 'out') options.out = value as string;
    else if (name === 'data') options.data = value as string;
    else if (name === 'backend') {
      if ((NODE_BACKENDS as readonly string[]).includes(value as string))
        options.backend = value as NodeBackend;
      else
        errors.push(
          `--backend must be one of ${NODE_BACKENDS.join(', ')} in Node; got ${JSON.stringify(value)}`,
        );
    } else if (key) raw[key] = value ?? 'true';
    else errors.push(`unknown flag --${name}`);
  }
  const { config, errors: configErrors } = resolveConfig(raw);
  errors.push(...configErrors);
  if (errors.length > 0) throw new UsageError(errors.join('\n'));
  return { config, options };
}

/** The --help text, generated from the same table that validates the flags. */
export function usage(): string {
  const rows = CONFIG_KEYS.map((key) => {
    const spec = CONFIG_SPEC[key];
    const flag = `--${'flag' in spec && spec.flag ? spec.flag : kebab(key)}`;
    const range =
      spec.kind === 'enum' ? spec.options.join('|') : spec.kind === 'bool' ? '' : `${spec.min}..${spec.max}`;
    return `  ${flag.padEnd(22)} ${spec.help} [${range ? `${range}, ` : ''}default ${String(spec.default)}]`;
  });
  return [
    'Usage: npm run experiment -- [flags]',
    '',
    'Trains one experiment in Node and prints one JSON object with the metrics before, during and after.',
    '',
    '  --backend wasm|cpu     TF.js backend [default wasm]',
    '  --out FILE             also write the JSON to FILE',
    '  --data PATH|emoji      train on a folder or .zip of image-caption pairs, or the emoji set',
    '  --quiet                no progress lines on stderr',
    '  --help                 this text',
    ...rows,
  ].join('\n');
}
