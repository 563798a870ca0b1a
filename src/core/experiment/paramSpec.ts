/**
 * One row of the experiment's property table (after TensorFlow Playground's state.ts): what a setting is,
 * its default and its bounds. The same rows drive validation, the URL hash, the runner's flags and the
 * app's controls, so a setting is declared once.
 */
interface SpecBase {
  /** Short label for controls and error messages. */
  readonly label: string;
  /** One sentence a student can read: what the setting does. */
  readonly help: string;
  /** Runner flag name when it differs from the key, e.g. 'batch' for batchSize. */
  readonly flag?: string;
  /**
   * Where the setting matters: for each listed setting (framework, loss, fusion, dataset, ...), the values
   * under which it has an effect; absent: everywhere. The app hides it elsewhere, so a student never
   * turns a knob that does nothing.
   */
  readonly appliesTo?: Readonly<Record<string, readonly string[]>>;
  /** Control group in the app: 'data', 'model', 'objective' or 'training'. */
  readonly group?: 'data' | 'model' | 'objective' | 'training';
}

/** Whether a setting matters under the given settings (every condition of its `appliesTo` holds). */
export function applies(spec: ParamSpec, settings: Readonly<Record<string, unknown>>): boolean {
  const conditions = spec.appliesTo;
  if (!conditions) return true;
  return Object.entries(conditions).every(([key, values]) => values.includes(String(settings[key])));
}
export interface NumberSpec extends SpecBase {
  readonly kind: 'number';
  readonly default: number;
  readonly min: number;
  readonly max: number;
}
export interface IntSpec extends SpecBase {
  readonly kind: 'int';
  readonly default: number;
  readonly min: number;
  readonly max: number;
}
export interface EnumSpec<T extends string = string> extends SpecBase {
  readonly kind: 'enum';
  readonly default: T;
  /** Short ids, as written in links and runner flags ('infonce'). */
  readonly options: readonly T[];
  /** Each option's plain name, as the app shows it ('InfoNCE (CLIP)'); ids stay in links and flags. */
  readonly optionLabels: Readonly<Record<T, string>>;
}

/** The plain name of an enum setting's option (its id when the table has none, e.g. a stale value). */
export function optionLabel(spec: EnumSpec, value: string): string {
  return Object.hasOwn(spec.optionLabels, value) ? spec.optionLabels[value] : value;
}
export interface BoolSpec extends SpecBase {
  readonly kind: 'bool';
  readonly default: boolean;
}
export type ParamSpec = NumberSpec | IntSpec | EnumSpec | BoolSpec;

/** The value type a spec row describes. */
export type ValueOf<S> = S extends EnumSpec<infer T> ? T : S extends BoolSpec ? boolean : number;

/** Parses and checks one value against its spec; returns the value or an error message. */
export function parseValue(
  key: string,
  spec: ParamSpec,
  raw: unknown,
): { value: unknown } | { error: string } {
  const name = spec.flag ?? key;
  switch (spec.kind) {
    case 'number':
    case 'int': {
      const v =
        typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
      if (!Number.isFinite(v)) return { error: `${name} must be a number, got ${show(raw)}` };
      if (spec.kind === 'int' && !Number.isInteger(v))
        return { error: `${name} must be a whole number, got ${show(raw)}` };
      if (v < spec.min || v > spec.max)
        return { error: `${name} must be between ${spec.min} and ${spec.max}, got ${v}` };
      return { value: v };
    }
    case 'enum': {
      if (typeof raw !== 'string' || !spec.options.includes(raw)) {
        return { error: `${name} must be one of ${spec.options.join(', ')}; got ${show(raw)}` };
      }
      return { value: raw };
    }
    case 'bool': {
      if (raw === true || raw === 'true' || raw === '1') return { value: true };
      if (raw === false || raw === 'false' || raw === '0') return { value: false };
      return { error: `${name} must be true or false, got ${show(raw)}` };
    }
  }
}

/** A short, safe rendering of a user-supplied value for an error message. */
function show(raw: unknown): string {
  const s = typeof raw === 'string' ? JSON.stringify(raw) : String(raw);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
