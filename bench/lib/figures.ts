/**
 * The bench's data model: each section measures figures, each figure is several runs of one number.
 * Shown as median, min and max; the raw runs are kept in bench/results.json.
 */

export interface Figure {
  /** What was measured, in words, e.g. "coordinated · wasm". */
  name: string;
  unit: string;
  /** One value per run; empty when the measurement failed (see `note`). */
  values: number[];
  /** Which direction is better, for reading the table. */
  better?: 'higher' | 'lower';
  /** The goal this figure answers to, e.g. "< 250 ms". */
  goal?: string;
  /** Whether the median meets the goal (absent when there is none). */
  meets?: boolean;
  /** Anything a reader needs: a fallback, an error, CPU-time figures. */
  note?: string;
}

export interface Section {
  id: SectionId;
  title: string;
  /** ISO time the section ran. */
  ranAt: string;
  /** Where and under what load it ran. */
  machine: MachineState;
  figures: Figure[];
  /** Settings and caveats of the section as a whole. */
  notes: string[];
}

export const SECTION_IDS = [
  'node',
  'torch',
  'memory',
  'projection',
  'browser-train',
  'browser-app',
  'scatter',
  'coldstart',
  'gpu-work',
  'soak',
  'scale',
  'scale-100k',
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export interface MachineState {
  cpu: string;
  cores: number;
  /** 1-minute load average before and after the section. */
  loadBefore: number;
  loadAfter: number;
  node: string;
  browser?: string;
}

export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

/** Median (upper median for an even count), min and max; NaN for no values. */
export function summarise(values: readonly number[]): Summary {
  if (values.length === 0) return { median: NaN, min: NaN, max: NaN, n: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: sorted[Math.floor(sorted.length / 2)],
    min: sorted[0],
    max: sorted[sorted.length - 1],
    n: sorted.length,
  };
}

/** A figure with its goal checked against the median. */
export function figure(
  base: Omit<Figure, 'meets'>,
  goal?: { text: string; test: (median: number) => boolean },
): Figure {
  const { median } = summarise(base.values);
  return goal
    ? { ...base, goal: goal.text, meets: Number.isFinite(median) && goal.test(median) }
    : { ...base };
}

/** Numbers the way the table prints them: 3 significant digits, thousands grouped. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return '–';
  const abs = Math.abs(v);
  if (abs >= 100) return Math.round(v).toLocaleString('en-US');
  if (abs >= 10) return v.toFixed(1);
  if (abs >= 1) return v.toFixed(2);
  return v.toPrecision(2);
}
