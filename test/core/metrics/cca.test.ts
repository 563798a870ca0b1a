import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../../src/core/random/rng';
import { canonicalVariates, CcaError, linearCca } from '../../../src/core/metrics/cca';
import { linearCka } from '../../../src/core/metrics/cka';

/** n centred, mutually orthogonal columns of norm √(n−1) (sample variance 1), by Gram–Schmidt in float64. */
function orthonormalColumns(n: number, count: number, rng: Rng): Float64Array[] {
  const cols: Float64Array[] = [];
  while (cols.length < count) {
    const v = Float64Array.from({ length: n }, () => rng.normal());
    const mean = v.reduce((a, b) => a + b, 0) / n;
    for (let i = 0; i < n; i++) v[i] = v[i] - mean;
    for (const c of cols) {
      const dot = v.reduce((s, x, i) => s + x * c[i], 0) / (n - 1);
      for (let i = 0; i < n; i++) v[i] = v[i] - dot * c[i];
    }
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0) / (n - 1));
    cols.push(v.map((x) => x / norm));
  }
  return cols;
}

/** Columns -> row-major [n, columns.length] times a mixing matrix [c, c], plus an offset per column. */
function mixRows(cols: Float64Array[], mix: number[][], offset: number): Float32Array {
  const n = cols[0].length;
  const c = cols.length;
  const out = new Float32Array(n * c);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < c; j++) {
      let s = offset * (j + 1);
      for (let f = 0; f < c; f++) s += cols[f][i] * mix[f][j];
      out[i * c + j] = s;
    }
  return out;
}

const randomMatrix = (rows: number, cols: number, rng: Rng) =>
  Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => rng.normal() * 0.5 + (i === j ? 2 : 0)),
  );

/**
 * Two views whose sample canonical correlations are exactly `rho` (then 0): latent columns u, v, e are
 * orthonormal, x = [u, e₁] M₁ and y = [ρu + √(1−ρ²)v, e₂, e₃] M₂. CCA does not change under the
 * invertible mixes M₁, M₂ or the offsets.
 */
function synthetic(rho: number[], n: number, seed: number) {
  const rng = createRng(seed);
  const k = rho.length;
  const cols = orthonormalColumns(n, 2 * k + 3, rng);
  const u = cols.slice(0, k);
  const v = cols.slice(k, 2 * k);
  const [e1, e2, e3] = cols.slice(2 * k) as [Float64Array, Float64Array, Float64Array];
  const yLatent = rho.map((r, i) => u[i].map((x, j) => r * x + Math.sqrt(1 - r * r) * v[i][j]));
  const d1 = k + 1;
  const d2 = k + 2;
  return {
    x: mixRows([...u, e1], randomMatrix(d1, d1, rng), 3),
    y: mixRows([...yLatent, e2, e3], randomMatrix(d2, d2, rng), -1),
    d1,
    d2,
    n,
  };
}

function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

const column = (data: Float32Array, width: number, j: number) =>
  Float64Array.from({ length: data.length / width }, (_, i) => data[i * width + j]);

describe('linearCca', () => {
  const rho = [0.9, 0.6, 0.3];
  const data = synthetic(rho, 400, 7);

  it('recovers the canonical correlations the data was built with', () => {
    const cca = linearCca(data.x, data.y, data.d1, data.d2, { reg: 0 });
    expect(cca.k).toBe(4);
    [...rho, 0].forEach((r, i) => expect(cca.correlations[i]).toBeCloseTo(r, 4));
  });

  it('gives variates of unit variance, uncorrelated within a view, correlated ρⱼ across views', () => {
    const cca = linearCca(data.x, data.y, data.d1, data.d2, { reg: 0, k: 3 });
    const u = canonicalVariates(cca, 'x', data.x);
    const v = canonicalVariates(cca, 'y', data.y);
    for (let j = 0; j < 3; j++) {
      const uj = column(u, 3, j);
      const variance = uj.reduce((s, x) => s + x * x, 0) / (data.n - 1);
      expect(variance).toBeCloseTo(1, 4);
      expect(pearson(uj, column(v, 3, j))).toBeCloseTo(rho[j], 4);
      for (let l = j + 1; l < 3; l++) expect(Math.abs(pearson(uj, column(u, 3, l)))).toBeLessThan(1e-4);
    }
  });

  it('keeps the k largest and shrinks them only slightly with the default ridge', () => {
    const exact = linearCca(data.x, data.y, data.d1, data.d2, { reg: 0 }).correlations;
    const ridged = linearCca(data.x, data.y, data.d1, data.d2, { k: 2 });
    expect(ridged.correlations).toHaveLength(2);
    expect(ridged.directions.x).toHaveLength(data.d1 * 2);
    expect(ridged.directions.y).toHaveLength(data.d2 * 2);
    ridged.correlations.forEach((r, i) => {
      expect(r).toBeLessThanOrEqual(exact[i] + 1e-9);
      expect(r).toBeGreaterThan(exact[i] - 0.01);
    });
  });

  it('equals |Pearson r| for one-dimensional views', () => {
    const rng = createRng(3);
    const x = Float32Array.from({ length: 50 }, () => rng.normal());
    const y = x.map((v) => -0.7 * v + rng.normal());
    const r = pearson(x, y);
    expect(r).toBeLessThan(-0.3);
    const cca = linearCca(x, y, 1, 1, { reg: 0 });
    expect(cca.correlations[0]).toBeCloseTo(Math.abs(r), 6);
    // Directions are signed so that the variates correlate positively.
    const u = canonicalVariates(cca, 'x', x);
    const v = canonicalVariates(cca, 'y', y);
    expect(pearson(u, v)).toBeCloseTo(Math.abs(r), 6);
  });

  it('explains, rather than returns nonsense, when CCA is not defined', () => {
    const rng = createRng(4);
    const wide = Float32Array.from({ length: 8 * 10 }, () => rng.normal());
    expect(() => linearCca(wide, wide, 10, 10)).toThrow(CcaError);
    expect(() => linearCca(wide, wide, 10, 10)).toThrow(/more pairs than dimensions/);
    const constant = new Float32Array(40 * 2).fill(0.5);
    const varied = Float32Array.from({ length: 40 * 2 }, () => rng.normal());
    expect(() => linearCca(constant, varied, 2, 2)).toThrow(/do not vary/);
    // A repeated feature: singular without a ridge, fine with one.
    const repeated = Float32Array.from({ length: 40 * 2 }, (_, i) => varied[i - (i % 2)]);
    expect(() => linearCca(repeated, varied, 2, 2, { reg: 0 })).toThrow(/cannot be inverted/);
    const ok = linearCca(repeated, varied, 2, 2);
    ok.correlations.forEach((r) => expect(Number.isFinite(r)).toBe(true));
  });
});

describe('linearCka', () => {
  const rng = createRng(11);
  const n = 60;
  const x = Float32Array.from({ length: n * 3 }, () => rng.normal());

  it('is 1 for identical sets and Pearson r² for one-dimensional ones', () => {
    expect(linearCka(x, x, 3, 3)).toBeCloseTo(1, 10);
    const a = Float32Array.from([1, 2, 3, 4]);
    const b = Float32Array.from([1, 0, 2, 5]);
    expect(linearCka(a, b, 1, 1)).toBeCloseTo(pearson(a, b) ** 2, 6);
  });

  it('does not change under rotation, isotropic scaling and translation', () => {
    // An orthogonal 3×3 matrix: a rotation by a about z, then by b about x.
    const [ca, sa, cb, sb] = [Math.cos(0.7), Math.sin(0.7), Math.cos(-1.9), Math.sin(-1.9)];
    const q = [
      [ca, -sa * cb, sa * sb],
      [sa, ca * cb, -ca * sb],
      [0, sb, cb],
    ];
    const y = Float32Array.from({ length: n * 3 }, () => rng.normal());
    const rotated = new Float32Array(n * 3);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < 3; j++) {
        let s = 5;
        for (let f = 0; f < 3; f++) s += 2.5 * x[i * 3 + f] * q[f][j];
        rotated[i * 3 + j] = s;
      }
    expect(linearCka(x, rotated, 3, 3)).toBeCloseTo(1, 5);
    expect(linearCka(rotated, y, 3, 3)).toBeCloseTo(linearCka(x, y, 3, 3), 5);
    expect(linearCka(x, y, 3, 3)).toBeLessThan(0.3);
  });

  it('compares sets of different widths', () => {
    const wider = new Float32Array(n * 4);
    for (let i = 0; i < n; i++) {
      wider.set(x.subarray(i * 3, i * 3 + 3), i * 4);
      wider[i * 4 + 3] = 0;
    }
    expect(linearCka(x, wider, 3, 4)).toBeCloseTo(1, 6);
  });
});
