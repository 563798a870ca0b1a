import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random/rng';
import {
  wordCounts,
  MAX_WORDS,
  poolImages,
  POOLED_LENGTH,
  rawFeatureCca,
} from '../../../src/core/metrics/rawFeatureCca';

/** An answer that says why it has no result, in words matching `why`. */
const problem = (why: RegExp): { problem: unknown } => ({ problem: expect.stringMatching(why) });

const PIXELS = 32 * 32 * 3;

/** Sets channel c of every pixel in 4×4 block (by, bx) of image i to v. */
function fillBlock(images: Float32Array, i: number, by: number, bx: number, c: number, v: number): void {
  for (let y = by * 4; y < by * 4 + 4; y++)
    for (let x = bx * 4; x < bx * 4 + 4; x++) images[i * PIXELS + (y * 32 + x) * 3 + c] = v;
}

const summary = (r: ReturnType<typeof rawFeatureCca>) => {
  if ('problem' in r) throw new Error(r.problem);
  return r;
};

describe('raw feature pooling', () => {
  it('averages each channel over 4×4 blocks, keeping its position', () => {
    const images = new Float32Array(2 * PIXELS);
    images[(1 * 32 + 2) * 3 + 1] = 16; // image 0, row 1, column 2, green: block (0, 0)
    images[PIXELS + (31 * 32 + 31) * 3 + 2] = 8; // image 1, last pixel, blue: block (7, 7)
    const pooled = poolImages(images);
    expect(pooled).toHaveLength(2 * POOLED_LENGTH);
    expect(POOLED_LENGTH).toBe(192);
    expect(pooled[1]).toBe(1);
    expect(pooled[POOLED_LENGTH + (7 * 8 + 7) * 3 + 2]).toBe(0.5);
    expect(pooled.reduce((a, b) => a + b, 0)).toBe(1.5);
  });

  it('counts words per caption over the words the captions use', () => {
    const { counts, words } = wordCounts([Int32Array.of(3, 1, 3), Int32Array.of(1)], 5);
    expect(words).toEqual([1, 3]);
    expect(Array.from(counts)).toEqual([1, 2, 1, 0]);
    expect(() => wordCounts([Int32Array.of(5)], 5)).toThrow(/word id 5 is outside the vocabulary of 5/);
  });

  it('keeps only the most frequent words of a large vocabulary', () => {
    // Words 0..299 once each, then word 250 three more times.
    const captions = Array.from({ length: 303 }, (_, i) => Int32Array.of(i < 300 ? i : 250));
    const { words } = wordCounts(captions, 400);
    expect(words).toHaveLength(MAX_WORDS);
    expect(words).toEqual([...Array.from({ length: MAX_WORDS - 1 }, (_, i) => i), 250]);
  });
});

describe('rawFeatureCca', () => {
  it('finds one perfectly correlated component and nothing else', () => {
    // Pair i: a shared bit a drawn as the red of block (0, 0) and as word 0 or 1; independently, noise
    // c in the green of block (3, 5) and b as word 2 or 3. So ρ₁ = 1 (less the ridge) and ρ₂ = corr(b, c) ≈ 0.
    const rng = createRng(7);
    const n = 400;
    const images = new Float32Array(n * PIXELS);
    const captions: Int32Array[] = [];
    for (let i = 0; i < n; i++) {
      const a = rng.int(2);
      fillBlock(images, i, 0, 0, 0, a);
      fillBlock(images, i, 3, 5, 1, rng.next());
      captions.push(Int32Array.of(a, 2 + rng.int(2)));
    }
    const s = summary(rawFeatureCca(images, captions, 6, 4, 1e-3));
    // Each view varies in two directions only, so 2 components whatever k asks.
    expect(s.correlations).toHaveLength(2);
    expect(s.correlations[0]).toBeGreaterThan(0.998);
    expect(s.correlations[1]).toBeLessThan(0.15);
    expect(s.total).toBeGreaterThan(0.998);
    expect(s.total).toBeLessThan(1.15);
  });

  it('finds only small correlations between independent random views', () => {
    const rng = createRng(11);
    const n = 512;
    const images = Float32Array.from({ length: n * PIXELS }, () => rng.next());
    const captions = Array.from({ length: n }, () => Int32Array.from({ length: 6 }, () => rng.int(30)));
    const s = summary(rawFeatureCca(images, captions, 30, 4, 1e-3));
    expect(s.correlations).toHaveLength(4);
    // Random data gives ρ₁ near √((4 + 4)/512) ≈ 0.13.
    expect(s.correlations[0]).toBeLessThan(0.25);
    expect(s.total).toBeLessThan(0.6);
  });

  it('reports k components, fewer with too few pairs, and says why when it cannot', () => {
    const rng = createRng(3);
    const make = (n: number) => ({
      images: Float32Array.from({ length: n * PIXELS }, () => rng.next()),
      captions: Array.from({ length: n }, () => Int32Array.from({ length: 8 }, () => rng.int(40))),
    });
    const big = make(100);
    const s = summary(rawFeatureCca(big.images, big.captions, 40, 8, 1e-3));
    expect(s.correlations).toHaveLength(8);
    expect(s.total).toBeCloseTo(
      s.correlations.reduce((a, b) => a + b, 0),
      10,
    );
    s.correlations.forEach((r, i) => {
      expect(r).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThanOrEqual(i === 0 ? 1 : s.correlations[i - 1]);
    });
    const few = make(5);
    expect(summary(rawFeatureCca(few.images, few.captions, 40, 8, 1e-3)).correlations).toHaveLength(4);
    const one = make(1);
    expect(rawFeatureCca(one.images, one.captions, 40, 8, 1e-3)).toEqual(problem(/at least 2 pairs/));
    const same = make(10);
    same.captions.fill(Int32Array.of(1, 2));
    expect(rawFeatureCca(same.images, same.captions, 40, 8, 1e-3)).toEqual(
      problem(/captions are all the same/),
    );
    expect(() => rawFeatureCca(same.images, same.captions.slice(1), 40, 8, 1e-3)).toThrow(/image numbers/);
  });
});
