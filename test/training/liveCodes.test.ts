import { describe, expect, it } from 'vitest';
import { LiveCadence, liveBuffers, withLiveCodes, type LiveCodes } from '../../src/training/liveCodes';
import type { Snapshot } from '../../src/training/protocol';

describe('the cadence of live codes', () => {
  it('is due every interval after the last codes shown, an evaluation included', () => {
    const cadence = new LiveCadence(700, 0.2);
    cadence.shown(1000); // training starts (or an evaluation's snapshot) at 1,000 ms
    expect(cadence.due(1699)).toBe(false);
    expect(cadence.due(1700)).toBe(true);
    cadence.embedded(1800, 100); // 100 ms of embedding: 100 / 0.2 = 500 < 700, the interval holds
    expect(cadence.periodMs).toBe(700);
    expect(cadence.due(2499)).toBe(false);
    expect(cadence.due(2500)).toBe(true);
    cadence.shown(2400); // an evaluation came first
    expect(cadence.due(2500)).toBe(false);
  });

  it('stretches so that embedding takes at most its share of the time', () => {
    const cadence = new LiveCadence(700, 0.2);
    cadence.embedded(0, 300); // 300 / 0.2 = 1,500 ms
    expect(cadence.periodMs).toBe(1500);
    expect(cadence.due(1499)).toBe(false);
    expect(cadence.due(1500)).toBe(true);
    // The cost is averaged: (300 + 100) / 2 = 200 ms, so 200 / 0.2 = 1,000 ms.
    cadence.embedded(1500, 100);
    expect(cadence.periodMs).toBe(1000);
    expect(cadence.due(2500)).toBe(true);
  });
});

const snapshot = (step: number, extra: Partial<Snapshot> = {}): Snapshot =>
  ({
    runId: 4,
    step,
    dim: 2,
    image: new Float32Array([1, 0, 0, 1]),
    text: new Float32Array([0, 1, 1, 0]),
    metrics: { gap: 0.5 },
    ...extra,
  }) as unknown as Snapshot;

const live = (step: number, extra: Partial<LiveCodes> = {}): LiveCodes => ({
  runId: 4,
  step,
  dim: 2,
  image: new Float32Array([0.6, 0.8, 0.8, 0.6]),
  text: new Float32Array([0.8, 0.6, 0.6, 0.8]),
  ...extra,
});

describe('the snapshot the shared space lays out', () => {
  it("takes the live codes' positions and step, keeping the snapshot's metrics", () => {
    const s = snapshot(25);
    const l = live(31);
    const laid = withLiveCodes(s, l);
    expect(laid?.step).toBe(31);
    expect(laid?.image).toBe(l.image);
    expect(laid?.text).toBe(l.text);
    expect(laid?.metrics).toBe(s.metrics);
  });

  it('keeps the snapshot for codes of another run, an older step, another width or other codes', () => {
    const s = snapshot(25);
    expect(withLiveCodes(s, null)).toBe(s);
    expect(withLiveCodes(null, live(31))).toBeNull();
    expect(withLiveCodes(s, live(31, { runId: 5 }))).toBe(s);
    expect(withLiveCodes(s, live(25))).toBe(s); // the evaluation of that step is newer news
    expect(withLiveCodes(s, live(20))).toBe(s);
    expect(withLiveCodes(s, live(31, { dim: 4 }))).toBe(s);
    expect(withLiveCodes(s, live(31, { image: new Float32Array(6), text: new Float32Array(6) }))).toBe(s);
    expect(withLiveCodes(s, live(31, { fused: new Float32Array(4) }))).toBe(s);
    const withSound = snapshot(25, { codes: { audio: new Float32Array(4) } });
    expect(withLiveCodes(withSound, live(31))).toBe(withSound);
    const a = new Float32Array(4);
    expect(withLiveCodes(withSound, live(31, { codes: { audio: a } }))?.codes?.audio).toBe(a);
  });

  it("lists every array's buffer to transfer", () => {
    const l = live(3, { fused: new Float32Array(4), codes: { audio: new Float32Array(4) } });
    expect(liveBuffers(l)).toEqual([l.image.buffer, l.text.buffer, l.fused?.buffer, l.codes?.audio?.buffer]);
  });
});
