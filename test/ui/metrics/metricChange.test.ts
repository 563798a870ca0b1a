import { describe, expect, it } from 'vitest';
import { cardSnapshots, metricChange } from '../../../src/ui/metrics/metricChange';
import type { RunState } from '../../../src/state/runState';
import type { Snapshot } from '../../../src/training/protocol';
import type { RunPoint } from '../../../src/state/runs';

const snap = (runId: number, step: number) => ({ runId, step }) as Snapshot;
const run = (runId: number, snapshots: Snapshot[], scrub: number | null = null, earlier: RunPoint[] = []) =>
  ({ runId, snapshots, scrub, earlier }) as RunState;

describe('metric card change', () => {
  it('shows no change at step 0, where there is none yet', () => {
    expect(metricChange(0.5, 0.5, false)).toBeNull();
  });

  it('after training: the size and direction of the change, coloured by which way is better', () => {
    expect(metricChange(0.25, 0.75, true, true)).toEqual({ arrow: '▼', amount: 0.5, tone: 'better' });
    expect(metricChange(0.25, 0.75, true)).toEqual({ arrow: '▼', amount: 0.5, tone: 'worse' });
    expect(metricChange(0.75, 0.5, true)).toEqual({ arrow: '▲', amount: 0.25, tone: 'better' });
    // Trained but unchanged (e.g. R@1 still 0): neutral, not red.
    expect(metricChange(0, 0, true)).toEqual({ arrow: '•', amount: 0, tone: 'same' });
    expect(metricChange(NaN, 0.5, true)).toBeNull();
    expect(metricChange(undefined, 0.5, true)).toBeNull();
  });

  it('never shows a replaced run’s evaluations under the current run', () => {
    const a0 = snap(1, 0);
    const a1 = snap(1, 25);
    expect(cardSnapshots(run(1, [a0, a1]))).toEqual({ shown: a1, first: a0 });
    expect(cardSnapshots(run(1, [a0, a1], 0))).toEqual({ shown: a0, first: a0 });
    // Run 2 started; a store still holding run 1's evaluations shows nothing rather than run 1's numbers.
    expect(cardSnapshots(run(2, [a0, a1]))).toEqual({ shown: null, first: null });
    expect(cardSnapshots(run(2, []))).toEqual({ shown: null, first: null });
  });

  it('measures a restored run’s change from its first evaluation before the reload', () => {
    const before = { step: 0 } as RunPoint;
    const b343 = snap(3, 343);
    const b350 = snap(3, 350);
    expect(cardSnapshots(run(3, [b343, b350], null, [before]))).toEqual({ shown: b350, first: before });
    // Opened weights trained for 343 steps: the change is measured from step 343, not from step 0.
    expect(cardSnapshots(run(3, [b343, b350]))).toEqual({ shown: b350, first: b343 });
  });
});
