/**
 * Experiments over runs: one setting swept over a few values, each value trained with several seeds.
 * Pure data in, data out, so the headless runner and the app's run queue share it: parse a sweep spec
 * against the property table, expand it into configs in a stable order, and summarise the finished
 * runs' metric histories per swept value (mean, min and max over seeds).
 */
import { applies, parseValue, type ParamSpec } from './paramSpec';
import { CONFIG_KEYS, CONFIG_SPEC, resolveConfig, type ConfigKey, type ExperimentConfig } from './config';

/** A value a swept setting takes: a number, an enum option or a boolean. */
export type SweepValue = number | string | boolean;

/** `temperature=0.02,0.07,0.3,1`, parsed and checked. */
export interface SweepSpec {
  setting: ConfigKey;
  values: SweepValue[];
}

/** camelCase -> kebab-case: evalEvery -> eval-every. */
const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Setting name -> key, accepting the key (batchSize), kebab-case (batch-size) and the short flag (batch). */
const NAME_TO_KEY = new Map<string, ConfigKey>();
for (const key of CONFIG_KEYS) {
  const spec: ParamSpec = CONFIG_SPEC[key];
  NAME_TO_KEY.set(key, key);
  NAME_TO_KEY.set(kebab(key), key);
  if (spec.flag) NAME_TO_KEY.set(spec.flag, key);
}

/** The config key a setting or flag name stands for (`batch`, `batch-size`, `batchSize`), if any. */
export function settingForName(name: string): ConfigKey | undefined {
  return NAME_TO_KEY.get(name);
}

/**
 * What separates a sweep's values: `|` whenever the list holds one, else `,`. A list-valued setting
 * has commas inside each value (modalities=image,text|image,text,audio), so it needs `|`; every other
 * setting may use either (temperature=0.02,0.3 or temperature=0.02|0.3). A shell reads `|` as a pipe:
 * quote the flag (--sweep 'modalities=image,text|image,text,audio').
 */
export const SWEEP_LIST_SEPARATOR = '|';

/**
 * Parses `NAME=V1,V2,...` (or `NAME=V1|V2|...`, see SWEEP_LIST_SEPARATOR) against CONFIG_SPEC: every
 * value goes through the same parsing and range checks as a single flag. Returns the spec, or every
 * problem found (one readable line each).
 */
export function parseSweepSpec(text: string): SweepSpec | { errors: string[] } {
  const eq = text.indexOf('=');
  if (eq <= 0)
    return { errors: [`--sweep needs NAME=V1,V2,... (e.g. temperature=0.02,0.07), got ${show(text)}`] };
  const name = text.slice(0, eq).trim();
  const setting = settingForName(name);
  if (!setting) return { errors: [`--sweep: unknown setting ${show(name)}`] };
  // Seeds are the other axis of every sweep; sweeping them here would mix the two.
  if (setting === 'seed') return { errors: ['--sweep cannot sweep the seed; use --seeds 1,2,3'] };
  const spec: ParamSpec = CONFIG_SPEC[setting];
  const list = text.slice(eq + 1);
  const parts = list.split(list.includes(SWEEP_LIST_SEPARATOR) ? SWEEP_LIST_SEPARATOR : ',');
  const errors: string[] = [];
  const values: SweepValue[] = [];
  for (const part of parts) {
    const parsed = parseValue(setting, spec, part.trim());
    if ('error' in parsed) errors.push(`--sweep: ${parsed.error}`);
    else if (values.includes(parsed.value as SweepValue))
      errors.push(`--sweep: ${setting} lists ${String(parsed.value)} twice`);
    else values.push(parsed.value as SweepValue);
  }
  // Values of a list-valued setting split at their own commas: say how to write them instead.
  const listValued = spec.kind === 'enum' && spec.options.some((o) => o.includes(','));
  if (errors.length > 0 && listValued && !list.includes(SWEEP_LIST_SEPARATOR))
    errors.push(
      `--sweep: the values of ${setting} hold commas; separate them with ${SWEEP_LIST_SEPARATOR} (quoted for the shell): --sweep '${name}=${spec.options.slice(0, 2).join(SWEEP_LIST_SEPARATOR)}'`,
    );
  return errors.length > 0 ? { errors } : { setting, values };
}

/** Parses `1,2,3` as distinct seeds, each checked as the seed setting is. */
export function parseSeeds(text: string): number[] | { errors: string[] } {
  const errors: string[] = [];
  const seeds: number[] = [];
  for (const part of text.split(',')) {
    const parsed = parseValue('seed', CONFIG_SPEC.seed, part.trim());
    if ('error' in parsed) errors.push(`--seeds: ${parsed.error}`);
    else if (seeds.includes(parsed.value as number))
      errors.push(`--seeds lists ${String(parsed.value)} twice`);
    else seeds.push(parsed.value as number);
  }
  return errors.length > 0 ? { errors } : seeds;
}

/** One run of a sweep: its full config and where it sits on the two axes. */
export interface PlannedRun {
  config: ExperimentConfig;
  /** The swept setting's value (undefined when only seeds vary). */
  value?: SweepValue;
  seed: number;
}

/**
 * The runs of a sweep, seed-major: every value with the first seed, then every value with the next. So
 * the first runs already give a whole curve over the swept values, and later seeds add the spread.
 * `settings` are the explicitly chosen settings (flags, or a whole config); each run resolves them with
 * its value and seed, so a pairing that does not fit (a loss of another framework) is an error.
 */
export function expandSweep(
  settings: Readonly<Record<string, unknown>>,
  sweep: SweepSpec | undefined,
  seeds: readonly number[],
  /** Completes each run's settings before they are resolved (e.g. a dataset's recommended settings). */
  prepare: (raw: Record<string, unknown>) => Record<string, unknown> = (raw) => raw,
): { runs: PlannedRun[]; errors: string[] } {
  const runs: PlannedRun[] = [];
  const errors = new Set<string>();
  const values: (SweepValue | undefined)[] = sweep ? sweep.values : [undefined];
  for (const seed of seeds) {
    for (const value of values) {
      const raw = { ...settings, seed, ...(sweep ? { [sweep.setting]: value } : {}) };
      const { config, errors: problems } = resolveConfig(prepare(raw));
      for (const p of problems) errors.add(sweep ? `${sweep.setting}=${String(value)}: ${p}` : p);
      // A sweep over a knob that does nothing here (temperature under a hinge loss) would only show noise.
      const spec: ParamSpec | undefined = sweep ? CONFIG_SPEC[sweep.setting] : undefined;
      if (sweep && spec && !applies(spec, config))
        errors.add(
          `--sweep: ${sweep.setting} has no effect here (it applies where ${describeConditions(spec)})`,
        );
      runs.push({ config, ...(value === undefined ? {} : { value }), seed });
    }
  }
  return { runs, errors: [...errors] };
}

/** "temperature=0.3, seed 2": a run's place in its sweep, for progress lines. */
export function runLabel(run: PlannedRun, setting: ConfigKey | undefined): string {
  return setting && run.value !== undefined
    ? `${setting}=${String(run.value)}, seed ${run.seed}`
    : `seed ${run.seed}`;
}

/** One evaluation of a run, reduced to what a sweep compares. */
export interface SweepPoint {
  step: number;
  gap: number;
  alignment: number;
  /** Recall@1, image query -> caption gallery, over the evaluation pairs whose combination was trained on. */
  seenR1: number;
}

/** A finished run as the summary sees it. `history` is in step order and ends with the final evaluation. */
export interface SweepRunMetrics {
  value?: SweepValue;
  seed: number;
  history: readonly SweepPoint[];
}

/** Mean, min and max over seeds. NaN (a diverged run) propagates, so it is never hidden. */
export interface Spread {
  mean: number;
  min: number;
  max: number;
}

/** The statistics of one swept value over its seeds. */
export interface SweepRow {
  value?: SweepValue;
  seeds: number[];
  /** The gap at the last evaluation. */
  finalGap: Spread;
  /**
   * The late-training mean gap: the mean gap over the evaluations with step > S / 2, where S is the
   * run's last evaluated step (its `steps` unless it stopped early). Averaging the second half smooths
   * the ±0.05 evaluation-to-evaluation noise of one run; the window always holds the final evaluation.
   */
  lateGap: Spread;
  /** Alignment at the last evaluation. */
  alignment: Spread;
  /** Seen image→text R@1 at the last evaluation. */
  seenR1: Spread;
  /** Seen image→text R@1 averaged over the same late window as lateGap. */
  lateSeenR1: Spread;
}

/** The late window of one history: the evaluations with step > (last step) / 2. */
export function lateWindow<P extends { step: number }>(history: readonly P[]): P[] {
  const last = history[history.length - 1];
  if (!last) return [];
  return history.filter((p) => p.step > last.step / 2);
}

/**
 * Groups runs by swept value (in order of first appearance) and gives each statistic's spread over seeds.
 * A run with an empty history contributes NaN.
 */
export function summariseSweep(runs: readonly SweepRunMetrics[]): SweepRow[] {
  const groups = new Map<SweepValue | undefined, SweepRunMetrics[]>();
  for (const run of runs) {
    const group = groups.get(run.value);
    if (group) group.push(run);
    else groups.set(run.value, [run]);
  }
  return [...groups].map(([value, group]) => {
    const per = (f: (run: SweepRunMetrics) => number) => spread(group.map(f));
    const final = (run: SweepRunMetrics) => run.history[run.history.length - 1];
    const late = (run: SweepRunMetrics, pick: (p: SweepPoint) => number) =>
      mean(lateWindow(run.history).map(pick));
    return {
      ...(value === undefined ? {} : { value }),
      seeds: group.map((r) => r.seed),
      finalGap: per((r) => final(r)?.gap ?? NaN),
      lateGap: per((r) => late(r, (p) => p.gap)),
      alignment: per((r) => final(r)?.alignment ?? NaN),
      seenR1: per((r) => final(r)?.seenR1 ?? NaN),
      lateSeenR1: per((r) => late(r, (p) => p.seenR1)),
    };
  });
}

/** "framework is coordinated and loss is infonce" from a spec's appliesTo. */
function describeConditions(spec: ParamSpec): string {
  return Object.entries(spec.appliesTo ?? {})
    .map(([key, values]) => `${key} is ${values.join(' or ')}`)
    .join(' and ');
}

export function mean(xs: readonly number[]): number {
  return xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
}

export function spread(xs: readonly number[]): Spread {
  if (xs.length === 0 || xs.some(Number.isNaN)) return { mean: NaN, min: NaN, max: NaN };
  return { mean: mean(xs), min: Math.min(...xs), max: Math.max(...xs) };
}

function show(raw: string): string {
  const s = JSON.stringify(raw);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
