import { describe, expect, it } from 'vitest';
import { computeModalityMetrics } from '../../../src/core/metrics/pairMetrics';
import { hitKeysFor } from '../../../src/core/metrics/hitKeys';
import type { AttributeSchema, PairSet } from '../../../src/core/data/pairs';
import type { PairKey } from '../../../src/core/data/modalities';

/** Four items; the sound carries the shape only, so items 0 and 2 (and 1 and 3) sound alike. */
const schema: AttributeSchema = {
  names: ['shape', 'position'],
  values: [
    ['circle', 'square'],
    ['a', 'b', 'c'],
  ],
};
const set: PairSet = {
  size: 4,
  images: new Float32Array(0),
  captions: [['w'], ['x'], ['y'], ['z']],
  keys: ['k0', 'k1', 'k2', 'k3'],
  attributes: Int32Array.from([0, 0, 1, 1, 0, 2, 1, 0]),
  heldOut: Uint8Array.from([0, 0, 0, 1]),
};
const image = Float32Array.from([1, 0, 0, 1, 1, 0, 0, 1]);
/** Each caption points exactly away from its image. */
const text = Float32Array.from([-1, 0, 0, -1, -1, 0, 0, -1]);
/** Each sound coincides with its image. */
const audio = Float32Array.from([1, 0, 0, 1, 1, 0, 0, 1]);
const hits = (pair: PairKey) => hitKeysFor(pair, set, schema, ['shape']);

describe('per-pair metrics', () => {
  it('measure every pair of the modalities, in canonical order', () => {
    const m = computeModalityMetrics(
      ['image', 'text', 'audio'],
      { image, text, audio },
      2,
      hits,
      set.heldOut,
    );
    expect(m.modalities).toEqual(['image', 'text', 'audio']);
    expect(Object.keys(m.pairs)).toEqual(['image-text', 'image-audio', 'text-audio']);
    // Centroids [0.5, 0.5] and [-0.5, -0.5]: gap √2; ‖x − y‖² = 4 for every pair; cosine −1.
    const it = m.pairs['image-text'];
    expect(it?.gap).toBeCloseTo(Math.SQRT2, 6);
    expect(it?.alignment).toBeCloseTo(4, 6);
    expect(it?.pairCosine).toBeCloseTo(-1, 6);
    expect(it?.hitRule).toBe('same key');
    // Image 0 scores −1 with its caption and ≥ −1 with the other three: rank 4 for every query.
    expect(it?.seen.count).toBe(3);
    expect(it?.seen.a2b).toEqual({ r1: 0, r5: 1, r10: 1, medianRank: 4 });
    expect(it?.heldOut.count).toBe(1);
    expect(it?.heldOut.b2a.medianRank).toBe(4);
    // Sounds coincide with images; item 2's image ties item 0's sound, which is a hit on the shape.
    const ia = m.pairs['image-audio'];
    expect(ia?.gap).toBeCloseTo(0, 6);
    expect(ia?.alignment).toBeCloseTo(0, 6);
    expect(ia?.hitRule).toBe('same shape');
    expect(ia?.seen.a2b.r1).toBe(1);
    expect(ia?.seen.b2a.r1).toBe(1);
    expect(m.pairs['text-audio']?.gap).toBeCloseTo(Math.SQRT2, 6);
    // Cone: (‖Σx‖² − Σ‖x‖²) / (n(n − 1)) = (8 − 4) / 12.
    expect(m.cones.image).toBeCloseTo(1 / 3, 6);
    expect(m.cones.audio).toBeCloseTo(1 / 3, 6);
    // Uniformity: log mean over the 6 pairs of exp(−2‖u − v‖²): two pairs at 0, four at distance² 2.
    expect(m.uniformity.text).toBeCloseTo(Math.log((2 + 4 * Math.exp(-4)) / 6), 6);
  });

  it('score a sound by the full key when the hit rule counts every attribute', () => {
    const strict = computeModalityMetrics(['image', 'audio'], { image, audio }, 2, () => ({
      keys: set.keys,
      rule: 'same key',
    }));
    // Image 0 now ties sound 2, a different key, ranked ahead: rank 2.
    expect(strict.pairs['image-audio']?.seen.a2b).toEqual({ r1: 0, r5: 1, r10: 1, medianRank: 2 });
    expect(Object.keys(strict.pairs)).toEqual(['image-audio']);
  });
});

describe('hitKeysFor', () => {
  it('keys pairs with sound by the attributes it carries and the others by the set’s keys', () => {
    expect(hitKeysFor('text-audio', set, schema, ['shape'])).toEqual({
      keys: ['0', '1', '0', '1'],
      rule: 'same shape',
    });
    expect(hitKeysFor('image-text', set, schema, ['shape'])).toEqual({ keys: set.keys, rule: 'same key' });
    expect(hitKeysFor('image-audio', set, schema, undefined).rule).toBe('same key');
    expect(() => hitKeysFor('image-audio', set, schema, ['pitch'])).toThrow(
      "the sound carries 'pitch', which the data's schema lacks",
    );
  });
});
