import type { Inspection } from '../../core/frameworks/framework';
import type { Snapshot } from '../../training/protocol';

/**
 * At most `max` indices of [0, n) spread evenly over the range, always with the first and the last:
 * the rows of a grid over training time that keeps its size however long the run.
 */
export function spreadIndices(n: number, max: number): number[] {
  if (n <= 0 || max <= 0) return [];
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  if (max === 1) return [n - 1];
  const out: number[] = [];
  for (let r = 0; r < max; r++) {
    const i = Math.round((r * (n - 1)) / (max - 1));
    if (out[out.length - 1] !== i) out.push(i);
  }
  return out;
}

/** The snapshots up to `upTo` (inclusive) whose probes are of `kind`, spread to at most `max` rows. */
export function probeHistory<T extends Inspection>(
  snapshots: readonly Snapshot[],
  kind: T['kind'],
  max: number,
  upTo = snapshots.length - 1,
): { step: number; probes: T }[] {
  const rows: { step: number; probes: T }[] = [];
  snapshots.slice(0, upTo + 1).forEach((s) => {
    if (s.probes?.kind === kind) rows.push({ step: s.step, probes: s.probes as T });
  });
  return spreadIndices(rows.length, max).map((i) => rows[i]);
}
