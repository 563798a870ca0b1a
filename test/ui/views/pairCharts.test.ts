import { describe, expect, it } from 'vitest';
import type { RunPoint } from '../../../src/state/runs';
import type { PairMetrics } from '../../../src/core/metrics/pairMetrics';
import {
  measuredModalities,
  modalityUniformitySeries,
  pairGapSeries,
  pairRecallSeries,
} from '../../../src/ui/views/pairCharts';

/** A pair's metrics where every number derives from `v`, so each series can be told apart. */
function pair(v: number, heldOutCount = 10): PairMetrics {
  const split = (r1a: number, r1b: number, count: number) => ({
    count,
    gap: v,
    alignment: v,
    pairCosine: v,
    a2b: { r1: r1a, r5: 1, r10: 1, medianRank: 1 },
    b2a: { r1: r1b, r5: 1, r10: 1, medianRank: 1 },
  });
  return {
    gap: v,
    alignment: v + 0.5,
    pairCosine: 0,
    seen: split(v / 10, v / 20, 30),
    heldOut: split(0.2, 0.4, heldOutCount),
    hitRule: 'same key',
  };
}

/** A point of a three-modality run (image–text numbers at top level, as the trainer writes them). */
function point(step: number, v: number): RunPoint {
  return {
    step,
    loss: 1,
    scalars: {},
    extra: { framework: 'coordinated' },
    metrics: {
      gap: 99, // the image–text top-level gap: must not be drawn under any pair with sound
      modalities: ['image', 'text', 'audio'],
      pairs: { 'image-text': pair(v), 'image-audio': pair(v + 1), 'text-audio': pair(v + 2, 0) },
      uniformity: { image: -1, text: -2, audio: -3 },
      cones: {},
    } as unknown as RunPoint['metrics'],
  };
}

describe('over-training charts per pair', () => {
  const points = [point(0, 1), point(25, 2)];

  it('finds the run’s modalities on its points; an image–text run has none and keeps its charts', () => {
    expect(measuredModalities(points)).toEqual(['image', 'text', 'audio']);
    const plain = { ...points[0], metrics: { gap: 1 } as unknown as RunPoint['metrics'] };
    expect(measuredModalities([plain])).toBeNull();
    expect(measuredModalities([])).toBeNull();
  });

  it('draws each pair’s gap and alignment under the pair’s name, never the top-level image–text gap', () => {
    const series = pairGapSeries(points, ['image', 'text', 'audio']);
    expect(series.map((s) => s.label)).toEqual([
      'gap, image ↔ caption',
      'alignment, image ↔ caption',
      'gap, image ↔ sound',
      'alignment, image ↔ sound',
      'gap, caption ↔ sound',
      'alignment, caption ↔ sound',
    ]);
    expect(Array.from(series[2].y)).toEqual([2, 3]); // image–sound gap: v + 1 at each step
    expect(Array.from(series[5].y)).toEqual([3.5, 4.5]);
    expect(Array.from(series[0].x)).toEqual([0, 25]);
    series.forEach((s) => expect(Array.from(s.y)).not.toContain(99));
  });

  it('draws recall per pair and direction; held-out is the mean of both ways, a break where there is none', () => {
    const series = pairRecallSeries(points, ['image', 'audio']);
    expect(series.map((s) => s.label)).toEqual([
      'image→sound, seen',
      'sound→image, seen',
      'image ↔ sound, held-out (both ways)',
    ]);
    expect(Array.from(series[0].y)).toEqual([0.2, 0.3]); // (v + 1) / 10
    expect(Array.from(series[1].y)).toEqual([0.1, 0.15]);
    Array.from(series[2].y).forEach((y) => expect(y).toBeCloseTo(0.3, 10));
    const textAudio = pairRecallSeries(points, ['text', 'audio']);
    expect(Array.from(textAudio[2].y).every(Number.isNaN)).toBe(true); // no held-out queries
  });

  it('draws each modality’s uniformity', () => {
    const series = modalityUniformitySeries(points, ['image', 'text', 'audio']);
    expect(series.map((s) => s.label)).toEqual([
      'uniformity, images',
      'uniformity, captions',
      'uniformity, sounds',
    ]);
    expect(Array.from(series[2].y)).toEqual([-3, -3]);
  });
});
