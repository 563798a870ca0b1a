import { describe, it, expect } from 'vitest';
import { pca2d } from '../../../src/core/projection/pca';
import { createRng } from '../../../src/core/random/rng';

// Two orthonormal directions in R^5 with distinct largest loadings, so the sign convention is testable:
// u1's largest-magnitude loading is +0.8 (index 0), u2's is -0.8 (index 3), so u2 comes out flipped.
const U1 = [0.8, 0.6, 0, 0, 0];
const U2 = [0, 0, 0.6, -0.8, 0];
const MEAN = [1, -2, 0.5, 3, 4];

/**
 * Rows mean + a_i·u1 + b_i·u2 (+ noise): principal axes u1 (larger spread), then u2. Without noise,
 * (a, b) is a full 21x11 grid, so a and b are exactly uncorrelated and u1, u2 are exactly the axes.
 */
function planeData(noise: number, seed = 3): { data: Float32Array; n: number; a: number[]; b: number[] } {
  const rng = createRng(seed);
  const a: number[] = [];
  const b: number[] = [];
  const reps = noise > 0 ? 8 : 1;
  for (let r = 0; r < reps; r++)
    for (let s = -10; s <= 10; s++)
      for (let t = -5; t <= 5; t++) {
        a.push(0.8 * s);
        b.push(0.6 * t);
      }
  const n = a.length;
  const data = new Float32Array(n * 5);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < 5; c++)
      data[i * 5 + c] = MEAN[c] + a[i] * U1[c] + b[i] * U2[c] + noise * rng.normal();
  return { data, n, a, b };
}

const dot = (x: ArrayLike<number>, y: ArrayLike<number>, off = 0): number => {
  let s = 0;
  for (let c = 0; c < y.length; c++) s += x[off + c] * y[c];
  return s;
};
const centred = (v: number[]): number[] => {
  const m = v.reduce((s, x) => s + x, 0) / v.length;
  return v.map((x) => x - m);
};

describe('pca2d', () => {
  it('finds the known principal axes with the documented signs', () => {
    const { data, n, a, b } = planeData(0);
    const r = pca2d(data, n, 5);
    // Axis 0 = +u1 (its largest loading 0.8 is already positive); axis 1 = -u2 (flipped to make +0.8).
    expect(dot(r.axes, U1, 0)).toBeCloseTo(1, 6);
    expect(dot(r.axes, U2, 5)).toBeCloseTo(-1, 6);
    // Noise-free rank-2 data: the coordinates are the centred a_i and -b_i themselves.
    const ca = centred(a);
    const cb = centred(b);
    for (let i = 0; i < n; i += 17) {
      expect(r.xy[2 * i]).toBeCloseTo(ca[i], 4);
      expect(r.xy[2 * i + 1]).toBeCloseTo(-cb[i], 4);
    }
    // Variances are the sample variances of a and b, and together they are all the variance there is.
    const varOf = (v: number[]): number => v.reduce((s, x) => s + x * x, 0) / (v.length - 1);
    expect(r.variance[0]).toBeCloseTo(varOf(ca), 3);
    expect(r.variance[1]).toBeCloseTo(varOf(cb), 3);
    expect(r.variance[0] + r.variance[1]).toBeCloseTo(r.totalVariance, 3);
  });

  it('recovers the axes through isotropic noise in the other directions', () => {
    const { data, n } = planeData(0.2);
    const r = pca2d(data, n, 5);
    expect(Math.abs(dot(r.axes, U1, 0))).toBeGreaterThan(0.999);
    expect(Math.abs(dot(r.axes, U2, 5))).toBeGreaterThan(0.999);
    expect(r.variance[0]).toBeGreaterThan(r.variance[1]);
  });

  it('is deterministic, and a warm start from the previous axes gives the same answer sooner', () => {
    const { data, n } = planeData(0.1);
    const cold = pca2d(data, n, 5);
    expect(pca2d(data, n, 5).xy).toEqual(cold.xy);
    const warm = pca2d(data, n, 5, { initAxes: cold.axes });
    expect(warm.iterations).toBeLessThan(cold.iterations);
    for (let i = 0; i < cold.xy.length; i++) expect(warm.xy[i]).toBeCloseTo(cold.xy[i], 4);
  });

  it('returns zeros, not NaN, when every row is the same', () => {
    const data = new Float32Array(4 * 3).fill(0.5);
    const r = pca2d(data, 4, 3);
    expect(Array.from(r.xy)).toEqual(new Array(8).fill(0));
    expect(r.totalVariance).toBe(0);
  });
});
