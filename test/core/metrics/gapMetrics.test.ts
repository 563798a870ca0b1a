import { describe, expect, it } from 'vitest';
import { computeGapMetrics } from '../../../src/core/metrics/gapMetrics';

// The four pairs of recall.test.ts: image-to-text ranks 3, 1, 2, 1.
const IMAGE = Float32Array.from([0.6, 0.8, 1, 0, 0, 1, 0.8, 0.6]);
const TEXT = Float32Array.from([1, 0, 0, 1, 0.6, 0.8, 0.8, 0.6]);
const KEYS = ['a', 'a', 'b', 'c'];

describe('computeGapMetrics', () => {
  it('splits retrieval into seen and held-out queries over the whole gallery', () => {
    const m = computeGapMetrics(IMAGE, TEXT, 2, KEYS, Uint8Array.from([0, 1, 0, 1]));
    expect(m.seen.count).toBe(2);
    expect(m.heldOut.count).toBe(2);
    // Seen queries 0 and 2 rank 3 and 2; held-out 1 and 3 rank 1 and 1.
    expect(m.seen.i2t).toEqual({ r1: 0, r5: 1, r10: 1, medianRank: 2.5 });
    expect(m.heldOut.i2t).toEqual({ r1: 1, r5: 1, r10: 1, medianRank: 1 });
    // Pair cosines 0.6, 0, 0.8, 1: seen mean (0.6 + 0.8)/2, held-out (0 + 1)/2, all 2.4/4.
    expect(m.seen.pairCosine).toBeCloseTo(0.7, 6);
    expect(m.heldOut.pairCosine).toBeCloseTo(0.5, 6);
    expect(m.pairCosine).toBeCloseTo(0.6, 6);
    expect(m.alignment).toBeCloseTo(2 - 2 * m.pairCosine, 6);
  });

  it('counts every pair as seen without held-out flags', () => {
    const m = computeGapMetrics(IMAGE, TEXT, 2, KEYS);
    expect(m.seen.count).toBe(4);
    expect(m.heldOut.count).toBe(0);
    expect(Number.isNaN(m.heldOut.gap)).toBe(true);
    expect(Number.isNaN(m.heldOut.i2t.r1)).toBe(true);
    expect(m.seen.i2t.r1).toBe(0.5);
    expect(m.seen.gap).toBe(m.gap);
    // Centroids (0.6, 0.6) and (0.6, 0.6): no gap.
    expect(m.gap).toBeCloseTo(0, 6);
  });

  it('measures the cone and uniformity of each modality', () => {
    const m = computeGapMetrics(IMAGE, TEXT, 2, KEYS);
    // Both modalities hold the same four rows: Σ = (2.4, 2.4), ‖Σ‖² = 11.52, Σ‖x‖² = 4:
    // cone = (11.52 − 4) / (4 · 3) = 0.626667.
    expect(m.coneImage).toBeCloseTo(7.52 / 12, 5);
    expect(m.coneText).toBeCloseTo(7.52 / 12, 5);
    expect(m.uniformityImage).toBeCloseTo(m.uniformityText, 6);
    expect(Number.isFinite(m.uniformityImage)).toBe(true);
  });
});
