import { describe, expect, it } from 'vitest';
import { createRng, restoreRng } from '../../../src/core/random/rng';

describe('a generator’s saved state', () => {
  it('restores to draw exactly what the original draws next, a spare normal sample included', () => {
    const rng = createRng(42);
    for (let i = 0; i < 37; i++) rng.next();
    rng.normal(); // leaves a spare normal sample behind
    const copy = restoreRng(rng.save());
    const draws = (r: ReturnType<typeof createRng>) => [
      r.normal(),
      r.normal(),
      r.uint32(),
      r.int(1000),
      r.next(),
    ];
    expect(draws(copy)).toEqual(draws(rng));
  });

  it('survives a structured clone (the browser’s storage) and leaves the original untouched', () => {
    const rng = createRng(7);
    rng.next();
    const saved = structuredClone(rng.save());
    const expected = createRng(7);
    expected.next();
    const next = expected.uint32();
    expect(restoreRng(saved).uint32()).toBe(next);
    expect(rng.uint32()).toBe(next); // saving did not move the original on
  });

  it('refuses something that is not a saved state', () => {
    expect(() => restoreRng([1, 2, Number.NaN, 4, null])).toThrow(/not a saved generator state/);
  });
});
