import { describe, expect, it } from 'vitest';
import { encodePairSet, gatherBatch } from '../../../../src/core/data/batch';
import { IMAGE_LENGTH } from '../../../../src/core/data/pairs';
import { generateShapeCaptions } from '../../../../src/core/data/shapes/shapeCaptions';
import { buildVocabulary } from '../../../../src/core/text/vocabulary';
import { drawCorruptions, pixelNoise, wordDropout } from '../../../../src/core/frameworks/joint/corruptions';

const DATA = generateShapeCaptions({ seed: 5, trainSize: 8, evalSize: 12 });
const SET = encodePairSet(DATA.eval, buildVocabulary(DATA.eval.captions.flat()));
const ROWS = [4, 5, 6, 7];

describe('corruptions', () => {
  it('draws the same corruption for the same seed', () => {
    const a = drawCorruptions(SET, 1);
    const b = drawCorruptions(SET, 1);
    expect(a.pixels).toEqual(b.pixels);
    expect(a.words).toEqual(b.words);
    expect(a.pixels.length).toBe(12 * IMAGE_LENGTH);
  });

  it('adds clamped pixel noise to the rows of the chunk it is given', () => {
    const draws = drawCorruptions(SET, 1);
    const host = gatherBatch(SET, ROWS);
    const noisy = pixelNoise(draws, 0.3)(host, 4);
    expect(noisy.images.every((v) => v >= 0 && v <= 1)).toBe(true);
    const p = 10;
    const expected = Math.min(1, Math.max(0, host.images[p] + 0.3 * draws.pixels[4 * IMAGE_LENGTH + p]));
    expect(noisy.images[p]).toBeCloseTo(expected, 6);
    expect(noisy.captionIds).toBe(host.captionIds);
  });

  it('drops nested sets of words as the rate grows, all of them at rate 1', () => {
    const draws = drawCorruptions(SET, 1);
    const host = gatherBatch(SET, ROWS);
    const at = (rate: number) => wordDropout(draws, rate)(host, 4).captionIds;
    const quarter = at(0.25);
    const half = at(0.5);
    half.forEach((ids, r) => {
      expect(ids.length).toBeLessThanOrEqual(quarter[r].length);
      for (const w of ids) expect(quarter[r]).toContain(w);
    });
    expect(at(0).map((ids) => ids.length)).toEqual(host.captionIds.map((ids) => ids.length));
    expect(at(1).every((ids) => ids.length === 0)).toBe(true);
    const total = (c: readonly Int32Array[]) => c.reduce((s, ids) => s + ids.length, 0);
    expect(total(half)).toBeLessThan(total(host.captionIds));
  });
});
