/**
 * The metrics history of a run as CSV, one row per evaluation: step, loss, pairs per second, then every
 * number inside the gap metrics, the learnt scalars and the framework's own measurements, flattened to
 * dotted column names (`seen.i2t.r1`). Columns are the union over all rows in first-seen order; a value
 * a row lacks is left empty.
 */
import { csvCell, joinRows } from './tsv';

/** What the CSV reads from each evaluation (a Snapshot fits). */
export interface MetricsRow {
  readonly step: number;
  readonly loss: number;
  readonly pairsPerSecond?: number;
  readonly metrics: object;
  readonly scalars?: Readonly<Record<string, number>>;
  /** The framework's measurements (a FrameworkExtra); its string tag is not a number and makes no column. */
  readonly extra?: object;
}

/** Numeric leaves of a JSON-like value as dotted paths; arrays are skipped (a matrix is not a column). */
export function flattenNumbers(
  value: unknown,
  prefix = '',
  out = new Map<string, number>(),
): Map<string, number> {
  if (typeof value === 'number') out.set(prefix, value);
  else if (typeof value === 'boolean') out.set(prefix, value ? 1 : 0);
  else if (value && typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value)) {
    for (const [k, v] of Object.entries(value)) flattenNumbers(v, prefix ? `${prefix}.${k}` : k, out);
  }
  return out;
}

export function metricsCsv(rows: readonly MetricsRow[]): string {
  const flat = rows.map((r) => {
    const m = new Map<string, number>([
      ['step', r.step],
      ['loss', r.loss],
      ['pairsPerSecond', r.pairsPerSecond ?? NaN],
    ]);
    flattenNumbers(r.metrics, '', m);
    flattenNumbers(r.scalars ?? {}, 'scalars', m);
    flattenNumbers(r.extra ?? {}, 'extra', m);
    return m;
  });
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const m of flat) for (const k of m.keys()) if (!seen.has(k) && seen.add(k)) columns.push(k);
  if (columns.length === 0) columns.push('step', 'loss', 'pairsPerSecond');
  return joinRows(
    [columns.map((c) => csvCell(c)), ...flat.map((m) => columns.map((c) => csvCell(m.get(c))))],
    ',',
  );
}
