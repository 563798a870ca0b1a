import { describe, expect, it } from 'vitest';
import { embeddingMetrics, evenRows } from '../../../src/core/embeddings/pairMetrics';
import { parseFractions, shiftSweep } from '../../../src/core/embeddings/shift';
import type { EmbeddingPairs } from '../../../src/core/embeddings/embeddingPairs';

function pairs(a: number[], b: number[], dims: [number, number], keys?: string[]): EmbeddingPairs {
  const n = a.length / dims[0];
  return {
    names: ['image', 'text'],
    sources: ['test'],
    n,
    dims,
    a: Float32Array.from(a),
    b: Float32Array.from(b),
    keys: keys ?? Array.from({ length: n }, (_, i) => String(i)),
    keySource: keys ? 'key' : 'identity',
    captions: null,
    heldOut: null,
    notes: [],
  };
}

/** Images (1,0), (0,1); captions (0.6,0.8), (0.8,0.6): each caption is nearer the other pair's image. */
const crossed = pairs([1, 0, 0, 1], [0.6, 0.8, 0.8, 0.6], [2, 2]);

describe('embeddingMetrics', () => {
  it('measures two pairs as worked out by hand', () => {
    const m = embeddingMetrics(crossed);
    // Centres (0.5, 0.5) and (0.7, 0.7): ‖(−0.2, −0.2)‖.
    expect(m.gap).toBeCloseTo(Math.sqrt(0.08), 6);
    // Pair cosines 0.6 and 0.6; alignment 2 − 2 · 0.6.
    expect(m.pairCosine).toBeCloseTo(0.6, 6);
    expect(m.alignment).toBeCloseTo(0.8, 6);
    // Cone: the one cosine between different items, 0 for the images, 0.96 for the captions.
    expect(m.coneImage).toBeCloseTo(0, 6);
    expect(m.coneText).toBeCloseTo(0.96, 6);
    // Uniformity: log exp(−2 ‖u − v‖²) = −2 · 2 for the images, −2 · 0.08 for the captions.
    expect(m.uniformityImage).toBeCloseTo(-4, 6);
    expect(m.uniformityText).toBeCloseTo(-0.16, 6);
    // Identity keys: each query's own partner comes second.
    expect(m.seen.i2t).toEqual({ r1: 0, r5: 1, r10: 1, medianRank: 2 });
    expect(m.seen.t2i.medianRank).toBe(2);
    expect(m.heldOut.count).toBe(0);
    expect(m.embeddings).toEqual({
      names: ['image', 'text'],
      count: 2,
      dims: [2, 2],
      sample: { retrieval: 2, correlation: 2 },
      keys: 'identity',
    });
    expect(m.unavailable?.cca).toMatch(/more pairs than dimensions/);
  });

  it('counts any item of the same key as a hit', () => {
    const m = embeddingMetrics({ ...crossed, keys: ['same', 'same'], keySource: 'key' });
    expect(m.seen.i2t.r1).toBe(1);
  });

  it('computes what needs no shared space when the widths differ, and says why the rest is missing', () => {
    // Text is the image padded with a zero: the same geometry, so CKA is 1 and CCA's first correlation ~1.
    const a = [1, 0, 0.6, 0.8, 0, 1, -0.8, 0.6, -1, 0, 0.28, -0.96];
    const b: number[] = [];
    for (let i = 0; i < 6; i++) b.push(a[2 * i], a[2 * i + 1], 0);
    const m = embeddingMetrics(pairs(a, b, [2, 3]));
    expect(m.gap).toBeNaN();
    expect(m.seen.i2t.r1).toBeNaN();
    expect(m.unavailable?.gap).toBe('needs a shared space, but image is 2-d and text 3-d');
    expect(m.unavailable?.['Recall@K']).toBe(m.unavailable?.gap);
    expect(m.cka).toBeCloseTo(1, 6);
    expect('correlations' in m.cca && m.cca.correlations[0]).toBeCloseTo(1, 2);
    expect(m.coneImage).toBeCloseTo(m.coneText, 6);
    expect((JSON.parse(JSON.stringify(m)) as { gap: unknown }).gap).toBeNull();
  });

  it('samples evenly spaced rows beyond the limit', () => {
    expect(Array.from(evenRows(3, 5))).toEqual([0, 1, 2]);
    expect(Array.from(evenRows(10, 4))).toEqual([0, 2, 5, 7]);
  });
});

describe('shiftSweep', () => {
  it('moves the images along the gap vector and re-normalises, as worked out by hand', () => {
    const s = shiftSweep(crossed, [0, 1, -1]);
    expect(s.modality).toBe('image');
    expect(s.gapLength).toBeCloseTo(Math.sqrt(0.08), 6);
    expect(s.points[0].gap).toBeCloseTo(Math.sqrt(0.08), 6);
    // f = 1: Δ = (−0.2, −0.2), images become (1.2, 0.2) and (0.2, 1.2) over √1.48; their centre is
    // (0.7, 0.7)/√1.48, and the gap √2 · |0.7/√1.48 − 0.7|.
    expect(s.points[1].gap).toBeCloseTo(Math.SQRT2 * Math.abs(0.7 / Math.sqrt(1.48) - 0.7), 6);
    // f = −1: images (0.8, −0.2) and (−0.2, 0.8) over √0.68, centre (0.3, 0.3)/√0.68.
    expect(s.points[2].gap).toBeCloseTo(Math.SQRT2 * Math.abs(0.3 / Math.sqrt(0.68) - 0.7), 6);
    expect(s.points[0].i2t.r1).toBe(0);
  });

  it('can move the second modality instead, and needs a shared space', () => {
    const s = shiftSweep(crossed, [1], 1);
    expect(s.modality).toBe('text');
    // Captions move towards the images by (0.2, 0.2): (0.4, 0.6) and (0.6, 0.4) over √0.52.
    expect(s.points[0].gap).toBeCloseTo(Math.SQRT2 * Math.abs(0.5 - 0.5 / Math.sqrt(0.52)), 6);
    expect(() => shiftSweep(pairs([1, 0, 0, 1], [1, 0, 0, 0, 1, 0], [2, 3]), [1])).toThrow(
      /needs a shared space/,
    );
  });

  it('parses a list of fractions', () => {
    expect(parseFractions('-1,-0.5,0,0.5,1')).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(parseFractions('1,x,3')).toEqual({
      errors: [
        '--shift: "x" is not a fraction between -2 and 2',
        '--shift: "3" is not a fraction between -2 and 2',
      ],
    });
  });
});
