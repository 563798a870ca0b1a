import { describe, it, expect } from 'vitest';
import {
  alignLayout,
  applySimilarity,
  fitProcrustes,
  rmsDistance,
} from '../../../src/core/projection/procrustes';
import { createRng } from '../../../src/core/random/rng';

function cloud(m: number, seed = 7): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: 2 * m }, () => rng.normal() * 3);
}

/** target = s·R(theta)·source + t, optionally mirrored in x first. */
function transform(
  xy: Float32Array,
  theta: number,
  s: number,
  tx: number,
  ty: number,
  mirror = false,
): Float32Array {
  const out = new Float32Array(xy.length);
  for (let i = 0; i < xy.length; i += 2) {
    const x = mirror ? -xy[i] : xy[i];
    const y = xy[i + 1];
    out[i] = s * (Math.cos(theta) * x - Math.sin(theta) * y) + tx;
    out[i + 1] = s * (Math.sin(theta) * x + Math.cos(theta) * y) + ty;
  }
  return out;
}

describe('fitProcrustes', () => {
  it('recovers a known rotation, scale and translation exactly', () => {
    const src = cloud(50);
    const theta = (35 * Math.PI) / 180;
    const fit = fitProcrustes(src, transform(src, theta, 2.5, 3, -1));
    expect(fit.reflection).toBe(false);
    expect(fit.scale).toBeCloseTo(2.5, 6);
    const [a, b, c, d] = fit.matrix;
    expect(a).toBeCloseTo(2.5 * Math.cos(theta), 6);
    expect(b).toBeCloseTo(-2.5 * Math.sin(theta), 6);
    expect(c).toBeCloseTo(2.5 * Math.sin(theta), 6);
    expect(d).toBeCloseTo(2.5 * Math.cos(theta), 6);
    expect(fit.translation[0]).toBeCloseTo(3, 5);
    expect(fit.translation[1]).toBeCloseTo(-1, 5);
    expect(rmsDistance(applySimilarity(fit, src), transform(src, theta, 2.5, 3, -1))).toBeLessThan(1e-5);
  });

  it('recovers a reflection, and finds only the best rotation when reflections are not allowed', () => {
    const src = cloud(40, 2);
    const target = transform(src, 1.2, 0.5, -4, 2, true);
    const fit = fitProcrustes(src, target);
    expect(fit.reflection).toBe(true);
    expect(fit.scale).toBeCloseTo(0.5, 6);
    expect(rmsDistance(alignLayout(src, target), target)).toBeLessThan(1e-5);
    const noFlip = fitProcrustes(src, target, { reflection: false });
    expect(noFlip.reflection).toBe(false);
    expect(rmsDistance(applySimilarity(noFlip, src), target)).toBeGreaterThan(0.1);
  });

  it('keeps distances when scale is off, and is least squares under noise', () => {
    const src = cloud(200, 4);
    const rng = createRng(9);
    const target = transform(src, -0.4, 3, 1, 1).map((v) => v + 0.01 * rng.normal());
    expect(fitProcrustes(src, target, { scale: false }).scale).toBe(1);
    const fit = fitProcrustes(src, target);
    expect(fit.scale).toBeCloseTo(3, 2);
    // Any other angle does worse than the fitted one.
    const best = rmsDistance(applySimilarity(fit, src), target);
    expect(rmsDistance(transform(src, -0.45, 3, 1, 1), target)).toBeGreaterThan(best);
  });

  it('maps a single point by translation and rejects mismatched layouts', () => {
    const fit = fitProcrustes(Float32Array.from([1, 2]), Float32Array.from([4, 6]));
    expect(fit.scale).toBe(1);
    expect(Array.from(applySimilarity(fit, Float32Array.from([1, 2])))).toEqual([4, 6]);
    expect(() => fitProcrustes(new Float32Array(4), new Float32Array(6))).toThrow(/differ/);
  });
});
