import { describe, expect, it } from 'vitest';
import { probeHistory, spreadIndices } from '../../../src/ui/frameworks/probeRows';
import { meanAttribute } from '../../../src/ui/frameworks/encdecSeries';
import type { Snapshot } from '../../../src/training/protocol';
import type { AttributeScores } from '../../../src/core/frameworks/encdec/attributeAccuracy';

function snapshot(step: number, kind?: string): Snapshot {
  return { step, ...(kind ? { probes: { kind } } : {}) } as unknown as Snapshot;
}

describe('rows of a grid over training time', () => {
  it('spreads at most max indices evenly, first and last always in', () => {
    expect(spreadIndices(5, 8)).toEqual([0, 1, 2, 3, 4]);
    expect(spreadIndices(10, 4)).toEqual([0, 3, 6, 9]);
    expect(spreadIndices(7, 3)).toEqual([0, 3, 6]);
    expect(spreadIndices(9, 1)).toEqual([8]);
    expect(spreadIndices(0, 4)).toEqual([]);
  });

  it('keeps the snapshots with probes of the kind asked, up to the one shown', () => {
    const snapshots = [snapshot(0, 'encdec'), snapshot(10), snapshot(20, 'encdec'), snapshot(30, 'encdec')];
    expect(probeHistory(snapshots, 'encdec', 8).map((r) => r.step)).toEqual([0, 20, 30]);
    expect(probeHistory(snapshots, 'encdec', 2).map((r) => r.step)).toEqual([0, 30]);
    expect(probeHistory(snapshots, 'encdec', 8, 2).map((r) => r.step)).toEqual([0, 20]);
    expect(probeHistory(snapshots, 'joint', 8)).toEqual([]);
  });
});

describe('encoder-decoder series', () => {
  it('averages the attributes of a score row, ignoring the totals', () => {
    const row = { shape: 1, colour: 0.5, size: 0, position: 0.5, all: 0, count: 4 } as AttributeScores;
    expect(meanAttribute(row)).toBe(0.5);
    expect(meanAttribute({ shape: NaN, all: NaN, count: 0 })).toBeNaN();
    expect(meanAttribute(undefined)).toBeNaN();
  });
});
