import type { RunState } from '../../state/runState';
import { shownSnapshot } from '../../state/runState';
import type { Snapshot } from '../../training/protocol';
import type { RunPoint } from '../../state/runs';

/** How a metric moved since the run's first evaluation, as a card shows it. */
export interface MetricChange {
  /** '▲', '▼' or '•' (no change). */
  arrow: string;
  /** Size of the change (absolute value). */
  amount: number;
  /** 'better' / 'worse' colour the change; 'same' is neutral. */
  tone: 'better' | 'worse' | 'same';
}

/**
 * The change of a metric from the run's first evaluation to the one shown, or null when there is none to
 * show: before any training (the shown evaluation is the first one), or when a value is missing.
 */
export function metricChange(
  value: number | undefined,
  first: number | undefined,
  trained: boolean,
  lowerIsBetter = false,
): MetricChange | null {
  if (!trained || value === undefined || first === undefined) return null;
  if (!Number.isFinite(value) || !Number.isFinite(first)) return null;
  const change = value - first;
  if (change === 0) return { arrow: '•', amount: 0, tone: 'same' };
  const better = lowerIsBetter ? change < 0 : change > 0;
  return { arrow: change > 0 ? '▲' : '▼', amount: Math.abs(change), tone: better ? 'better' : 'worse' };
}

/**
 * The evaluation the cards show and the run's first (of a restored run, its first before the reload;
 * of a run started from opened weights, the one at their step), only when both belong to the run shown:
 * numbers of a replaced run are never shown under the new one.
 */
export function cardSnapshots(s: RunState): { shown: Snapshot | null; first: RunPoint | null } {
  const shown = shownSnapshot(s);
  const firstHere = s.snapshots[0] ?? null;
  const live = shown?.runId === s.runId ? shown : null;
  if (!live) return { shown: null, first: null };
  return { shown: live, first: s.earlier[0] ?? (firstHere?.runId === s.runId ? firstHere : null) };
}
