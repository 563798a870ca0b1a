import { describe, expect, it } from 'vitest';
import { ThroughputMeter } from '../../src/training/throughput';

/** A meter on a clock the test moves by hand (milliseconds). */
function meter(windowMs = 10_000) {
  let now = 0;
  const m = new ThroughputMeter(windowMs, () => now);
  return { m, at: (t: number) => void (now = t) };
}

describe('ThroughputMeter', () => {
  it('is steps × batch over wall time, the evaluation between chunks included', () => {
    const { m, at } = meter();
    m.start(0);
    at(1000);
    expect(m.record(10, 64)).toBe(640); // 10 steps of 64 in 1 s
    // The next chunk trains 10 steps in 1 s after an evaluation that took 1 s: 1,280 pairs in 3 s.
    at(3000);
    expect(m.record(20, 64)).toBeCloseTo(1280 / 3, 9);
  });

  it('measures over the last window once training has run longer', () => {
    const { m, at } = meter(10_000);
    m.start(0);
    at(1000);
    m.record(10, 64);
    at(3000);
    m.record(20, 64);
    // At 12 s the window starts at 2 s: the mark at 1 s (step 10) is the last one before it.
    at(12_000);
    expect(m.record(100, 64)).toBeCloseTo((90 * 64) / 11, 9);
    // At 14 s the window starts at 4 s: the mark at 3 s (step 20) opens the span.
    at(14_000);
    expect(m.record(110, 64)).toBeCloseTo((90 * 64) / 11, 9);
    expect(m.spanMs).toBe(11_000);
  });

  it('does not count time paused, nor steps trained before start', () => {
    const { m, at } = meter();
    m.start(0);
    at(1000);
    m.record(10, 32);
    at(60_000); // paused for a minute, then played again at step 10
    m.start(10);
    expect(m.spanMs).toBe(0);
    expect(m.record(10, 32)).toBe(0); // no time has passed yet
    at(61_000);
    expect(m.record(30, 32)).toBe(640);
  });
});
