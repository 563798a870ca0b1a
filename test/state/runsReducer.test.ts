import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/core/experiment/config';
import * as R from '../../src/state/runsReducer';
import type { RunRecord, RunsState } from '../../src/state/runs';
import { snapshotMessage } from './fakeWorker';

const config = defaultConfig();
const ended = (id: number): RunRecord => ({ ...R.newRecord(id, config, 10), status: 'finished' });

describe('the runs store', () => {
  it('keeps at most MAX_RECORDS, dropping the oldest ended runs but never a compared or unfinished one', () => {
    let s: RunsState = { ...R.emptyRuns(), comparison: [1, 3] };
    s = R.addRecords(s, [ended(1), ended(2), ended(3), R.newRecord(4, config, 10), ended(5)]);
    s = R.addRecords(
      s,
      Array.from({ length: R.MAX_RECORDS - 3 }, (_, i) => ended(6 + i)),
    );
    // 5 + 45 = 50 records, 2 too many: 2 and 5 go (1 and 3 are compared, 4 is still starting).
    expect(s.records).toHaveLength(R.MAX_RECORDS);
    expect(s.records.slice(0, 4).map((r) => r.id)).toEqual([1, 3, 4, 6]);
  });

  it('records every evaluation without embeddings, thinned past MAX_HISTORY, and the last with them', () => {
    let s = R.addRecords(R.emptyRuns(), [R.newRecord(7, config, 10_000)]);
    for (let step = 0; step <= R.MAX_HISTORY; step++) s = R.recordMessage(s, snapshotMessage(7, step), 7);
    const r = R.findRecord(s, 7)!;
    // 481 points -> the older 240 thinned to 120, the newer 241 kept.
    expect(r.history).toHaveLength(120 + 241);
    expect(r.history[1].step).toBe(2);
    expect(Object.keys(r.history[0]).sort()).toEqual(['extra', 'loss', 'metrics', 'scalars', 'step']);
    expect(r.last?.step).toBe(R.MAX_HISTORY);
    expect(r.step).toBe(R.MAX_HISTORY);
  });

  it('ignores messages of runs it does not hold', () => {
    const s = R.addRecords(R.emptyRuns(), [R.newRecord(1, config, 10)]);
    expect(R.recordMessage(s, snapshotMessage(2, 0), 2)).toBe(s);
  });

  it('forgets a replaced run that never trained, keeps one that did as stopped', () => {
    let s = R.addRecords(R.emptyRuns(), [R.newRecord(1, config, 10), R.newRecord(2, config, 10)]);
    s = R.recordMessage(s, { type: 'progress', runId: 2, step: 4, loss: 1, pairsPerSecond: 1 }, 2);
    s = R.retireRecord(R.retireRecord(s, 1), 2);
    expect(s.records.map((r) => [r.id, r.status, r.stopReason])).toEqual([
      [2, 'stopped', 'Replaced by another run.'],
    ]);
  });

  it('moves a queue on only from its head, and reads "run k of n"', () => {
    let s = R.enqueue(R.emptyRuns(), 1, 'q', [{ config }, { config, steps: 0 }], 10);
    expect(s.records.map((r) => [r.id, r.status, r.targetSteps])).toEqual([
      [10, 'queued', config.steps],
      [11, 'queued', 0],
    ]);
    expect(R.queueHead(s)?.id).toBe(10);
    expect(R.advanceQueue(s, 11)).toBe(s); // not the head: nothing moves
    s = R.advanceQueue(s, 10);
    expect(R.queueProgress(s)).toEqual({ label: 'q', run: 2, total: 2, done: false });
    s = R.advanceQueue(s, 11);
    expect(R.queueHead(s)).toBeUndefined();
    expect(R.queueProgress(s)).toEqual({ label: 'q', run: 2, total: 2, done: true });
  });
});
