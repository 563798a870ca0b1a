import {
  CONFIG_KEYS,
  CONFIG_SPEC,
  resolveConfig,
  type ConfigKey,
  type ExperimentConfig,
} from '../core/experiment/config';
import {
  expandSweep,
  parseSeeds,
  parseSweepSpec,
  settingForName,
  type PlannedRun,
  type SweepSpec,
} from '../core/experiment/sweep';
import { datasetPreset } from '../core/experiment/datasetPresets';
import { NODE_BACKENDS, type NodeBackend } from './nodeBackends';
import { optionLabel } from '../core/experiment/paramSpec';
import { parseFractions } from '../core/embeddings/shift';

/** Runner options that are not part of the experiment itself. */
export interface RunnerOptions {
  backend: NodeBackend;
  out?: string;
  /** `--data PATH|emoji`: train on a folder or .zip of image-caption pairs, or the emoji set. */
  data?: string;
  quiet: boolean;
  help: boolean;
  /** `--sweep NAME=V1,V2,...`: one setting over several values. */
  sweep?: SweepSpec;
  /** `--seeds 1,2,3`: every configuration once per seed. */
  seeds?: number[];
  /** `--export-torch DIR`: write the experiment as a PyTorch project instead of training it. */
  exportTorch?: string;
  /** `--embeddings PATH`: measure precomputed embeddings (a folder or .zip) instead of training. */
  embeddings?: string;
  /** `--shift F1,F2,..`: with --embeddings, the embedding-shift experiment at these fractions. */
  shift?: number[];
}

/** What a command line asks for: the config, runner options, and the settings given explicitly. */
export interface ParsedFlags {
  config: ExperimentConfig;
  options: RunnerOptions;
  /** The settings named on the command line, unparsed: a sweep re-resolves them with each value. */
  settings: Record<string, unknown>;
  /** With --sweep or --seeds: the runs, in the order they train (see expandSweep). */
  runs?: PlannedRun[];
}

export class UsageError extends Error {}

/** camelCase -> kebab-case: evalEvery -> eval-every. */
const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * Parses `--name value` / `--name=value` / `--flag` (booleans) arguments. Every problem is collected into
 * one UsageError listing them all, so a user fixes a command line in one go.
 */
export function parseFlags(argv: readonly string[]): ParsedFlags {
  const raw: Record<string, string> = {};
  const options: RunnerOptions = { backend: 'wasm', quiet: false, help: false };
  const errors: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      errors.push(`unexpected argument ${JSON.stringify(arg)} (flags look like --steps 600)`);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq >= 0 ? eq : undefined);
    const key: ConfigKey | undefined = settingForName(name);
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
    else if (name === 'out') options.out = value;
    else if (name === 'data') options.data = value;
    else if (name === 'export-torch') options.exportTorch = value;
    else if (name === 'embeddings') options.embeddings = value;
    else if (name === 'shift') {
      const fractions = parseFractions(value as string);
      if ('errors' in fractions) errors.push(...fractions.errors);
      else options.shift = fractions;
    } else if (name === 'sweep') {
      const sweep = parseSweepSpec(value as string);
      if ('errors' in sweep) errors.push(...sweep.errors);
      else options.sweep = sweep;
    } else if (name === 'seeds') {
      const seeds = parseSeeds(value as string);
      if ('errors' in seeds) errors.push(...seeds.errors);
      else options.seeds = seeds;
    } else if (name === 'backend') {
      if ((NODE_BACKENDS as readonly string[]).includes(value as string))
        options.backend = value as NodeBackend;
      else
        errors.push(
          `--backend must be one of ${NODE_BACKENDS.join(', ')} in Node; got ${JSON.stringify(value)}`,
        );
    } else if (key) raw[key] = value ?? 'true';
    else errors.push(`unknown flag --${name}`);
  }
  if (options.seeds && Object.hasOwn(raw, 'seed')) errors.push('give --seed or --seeds, not both');
  if (options.exportTorch && (options.sweep || options.seeds))
    errors.push('--export-torch writes one experiment: give it without --sweep or --seeds');
  if (options.shift && !options.embeddings)
    errors.push('--shift moves precomputed embeddings: give it with --embeddings PATH');
  if (options.embeddings) {
    const others = [
      options.exportTorch && '--export-torch',
      options.data && '--data',
      options.sweep && '--sweep',
      options.seeds && '--seeds',
      ...Object.keys(raw).map((k) => `--${kebab(k)}`),
    ].filter(Boolean);
    if (others.length > 0)
      errors.push(`--embeddings measures files and trains nothing: leave out ${others.join(', ')}`);
  }
  // `--data emoji` trains on the emoji set; a dataset brings its recommended settings, as if given before
  // the flags, so every flag still wins (see datasetPresets.ts).
  if (options.data === 'emoji') raw.dataset ??= 'emoji';
  else if (options.data !== undefined) {
    // A folder or zip is the user's own pairs: the config says so, and nothing may say otherwise.
    if (raw.dataset !== undefined && raw.dataset !== 'imported')
      errors.push(`--data ${options.data} trains on your own pairs: leave out --dataset ${raw.dataset}`);
    if (options.sweep?.setting === 'dataset')
      errors.push(`--data ${options.data} fixes the data: sweep over dataset without --data`);
    raw.dataset = 'imported';
  } else if (raw.dataset === 'imported')
    errors.push('--dataset imported needs --data PATH (a folder or .zip of image-caption pairs)');
  // Each run of a sweep gets its own dataset's preset, so a sweep over the dataset is preset per value.
  const withPreset = (settings: Record<string, unknown>) => {
    const out = { ...settings };
    for (const [k, v] of Object.entries(datasetPreset(out.dataset))) out[k] ??= v;
    return out;
  };
  const { config, errors: configErrors } = resolveConfig(withPreset(raw));
  errors.push(...configErrors);
  if (errors.length > 0) throw new UsageError(errors.join('\n'));
  if (!options.sweep && !options.seeds) return { config, options, settings: raw };
  const plan = expandSweep(raw, options.sweep, options.seeds ?? [config.seed], withPreset);
  if (plan.errors.length > 0) throw new UsageError(plan.errors.join('\n'));
  return { config, options, settings: raw, runs: plan.runs };
}

/** The --help text, generated from the same table that validates the flags. */
export function usage(): string {
  const rows = CONFIG_KEYS.map((key) => {
    const spec = CONFIG_SPEC[key];
    const flag = `--${'flag' in spec && spec.flag ? spec.flag : kebab(key)}`;
    const range =
      spec.kind === 'enum' ? spec.options.join('|') : spec.kind === 'bool' ? '' : `${spec.min}..${spec.max}`;
    const line = `  ${flag.padEnd(22)} ${spec.help} [${range ? `${range}, ` : ''}default ${String(spec.default)}]`;
    if (spec.kind !== 'enum') return line;
    // The app shows choices by their plain names: say which id is which.
    const names = spec.options.map((o) => `${o} = ${optionLabel(spec, o)}`).join('; ');
    return `${line}\n${' '.repeat(25)}${names}`;
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
    '  --sweep NAME=V1,V2,..  train once per value of one setting: number, choice or true|false (temperature=0.02,0.3);',
    '                         the JSON then holds `runs` and a `summary` per value over seeds. Values that hold',
    "                         commas are separated by | instead, quoted: --sweep 'modalities=image,text|image,text,audio'",
    '  --seeds S1,S2,..       train every configuration once per seed (alone: one config over seeds)',
    '  --export-torch DIR     write the experiment as a PyTorch project (train.py, torchrun-ready) instead of training',
    '  --embeddings PATH      measure precomputed embeddings of two modalities (a folder or .zip of vectors.tsv +',
    '                         metadata.tsv, or two .npy/.tsv files) instead of training; the metrics are `final`',
    '  --shift F1,F2,..       with --embeddings: move the first modality along the gap vector by each fraction',
    '                         (Liang et al.) and report the gap and Recall@K in a `shift` block',
    '  --help                 this text',
    ...rows,
  ].join('\n');
}
