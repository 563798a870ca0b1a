import { describe, expect, it } from 'vitest';
import { liveRate, playLabel, rateLine } from '../../../src/ui/controls/transportText';
import { shownRunPatch, type RunState } from '../../../src/state/runState';

describe('transport bar text', () => {
  it('names Play as Continue once the run reached its steps', () => {
    expect(playLabel('ready')).toBe('Play');
    expect(playLabel('stopped')).toBe('Play');
    expect(playLabel('finished')).toBe('Continue');
  });

  it('says "warming up…" until a run reports its speed, instead of step 0 and no rate', () => {
    expect(rateLine('starting', 0)).toBe('starting…');
    expect(rateLine('running', 0)).toBe('warming up…');
    expect(rateLine('running', 1234.4)).toBe('1234 pairs/s');
    expect(rateLine('ready', 900)).toBeNull();
    expect(rateLine('finished', 900)).toBe('finished: Continue trains on');
  });

  it('counts the time since the worker last reported, as a stopwatch would', () => {
    // 6,400 pairs over 10 s reported at t = 50 s (page clock).
    const since = { spanMs: 10_000, at: 50_000 };
    expect(liveRate(640, since, 50_000)).toBe(640);
    expect(liveRate(640, since, 50_100)).toBeCloseTo(6400 / 10.1, 9);
    // The worker then evaluates for 6 s without a report: 6,400 pairs in 16 s.
    expect(liveRate(640, since, 56_000)).toBe(400);
    // A clock read before the report arrived counts no negative time; no span: the rate as reported.
    expect(liveRate(640, since, 49_000)).toBe(640);
    expect(liveRate(640, undefined, 90_000)).toBe(640);
    expect(liveRate(640, { spanMs: 0, at: 0 }, 90_000)).toBe(640);
  });

  it('stamps a progress report with the page clock it arrived at', () => {
    const patch = shownRunPatch(
      {} as RunState,
      { type: 'progress', runId: 1, step: 5, loss: 1, pairsPerSecond: 320, rateSpanMs: 2000 },
      1234,
    );
    expect(patch).toEqual({ step: 5, loss: 1, pairsPerSecond: 320, rateSince: { spanMs: 2000, at: 1234 } });
  });
});
