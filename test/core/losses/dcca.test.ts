import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { createRng } from '../../../src/core/random/rng';
import { dccaBatchProblem, dccaLoss, totalCorrelation } from '../../../src/core/losses/dcca';
import { linearCca } from '../../../src/core/metrics/cca';

const normals = (count: number, seed: number) => {
  const rng = createRng(seed);
  return Float32Array.from({ length: count }, () => rng.normal());
};

/** Two views sharing `shared` latent signals with added noise: [b, d1] and [b, d2]. */
function views(b: number, d1: number, d2: number, seed: number): [Float32Array, Float32Array] {
  const z = normals(b * 3, seed);
  const n1 = normals(b * d1, seed + 1);
  const n2 = normals(b * d2, seed + 2);
  const x = n1.map((v, i) => v + 1.5 * z[Math.floor(i / d1) * 3 + ((i % d1) % 3)] * ((i % d1) + 1) * 0.3);
  const y = n2.map((v, i) => 0.8 * v - z[Math.floor(i / d2) * 3 + (((i % d2) + 1) % 3)]);
  return [x, y];
}

async function value(h1: Float32Array, h2: Float32Array, b: number, d1: number, d2: number, topK = 0) {
  const t = tf.tidy(() =>
    totalCorrelation(tf.tensor2d(h1, [b, d1]), tf.tensor2d(h2, [b, d2]), { reg: 1e-3, topK }),
  );
  const v = (await t.data())[0];
  t.dispose();
  return v;
}

const reference = (h1: Float32Array, h2: Float32Array, d1: number, d2: number, k?: number) =>
  linearCca(h1, h2, d1, d2, { reg: 1e-3, ...(k ? { k } : {}) }).correlations.reduce((a, b) => a + b, 0);

describe('Deep CCA objective', () => {
  beforeAll(() => useNodeBackend('cpu'));
  const [b, d1, d2] = [40, 5, 4];
  const [x, y] = views(b, d1, d2, 10);

  it('is the sum of the canonical correlations linear CCA finds (float64, ml-matrix)', async () => {
    expect(await value(x, y, b, d1, d2)).toBeCloseTo(reference(x, y, d1, d2), 3);
  });

  it('with topK sums only the k largest', async () => {
    expect(await value(x, y, b, d1, d2, 2)).toBeCloseTo(reference(x, y, d1, d2, 2), 3);
    expect(await value(x, y, b, d1, d2, 1)).toBeCloseTo(reference(x, y, d1, d2, 1), 3);
  });

  it('is k for perfectly correlated views', async () => {
    // y = x M for an invertible M: every canonical correlation is 1 (less the tiny ridge).
    const m = [2, 0.5, 0, -1, 1, 0.3, 0.2, 0, 3];
    const x3 = normals(30 * 3, 4);
    const y3 = new Float32Array(30 * 3);
    for (let i = 0; i < 30; i++)
      for (let j = 0; j < 3; j++)
        for (let f = 0; f < 3; f++) y3[i * 3 + j] = y3[i * 3 + j] + x3[i * 3 + f] * m[f * 3 + j];
    expect(await value(x3, y3, 30, 3, 3)).toBeCloseTo(3, 2);
    const loss = tf.tidy(() => dccaLoss(tf.tensor2d(x3, [30, 3]), tf.tensor2d(x3, [30, 3]), { reg: 1e-3 }));
    expect((await loss.data())[0]).toBeCloseTo(-3, 2);
    loss.dispose();
  });

  for (const topK of [0, 2]) {
    it(`has the gradient of the objective, topK ${topK} (central differences of float64 linear CCA)`, async () => {
      const h1 = tf.tensor2d(x, [b, d1]);
      const h2 = tf.tensor2d(y, [b, d2]);
      const [g1, g2] = tf.grads((a: tf.Tensor, c: tf.Tensor) =>
        totalCorrelation(a as tf.Tensor2D, c as tf.Tensor2D, { reg: 1e-3, topK }),
      )([h1, h2]);
      const grad1 = await g1.data();
      const grad2 = await g2.data();
      // Directional derivatives along random directions of both inputs.
      for (const seed of [1, 2]) {
        const u1 = normals(b * d1, 100 + seed);
        const u2 = normals(b * d2, 200 + seed);
        const eps = 1e-3;
        const shifted = (s: number) =>
          reference(
            Float64Array.from(x, (v, i) => v + s * eps * u1[i]) as unknown as Float32Array,
            Float64Array.from(y, (v, i) => v + s * eps * u2[i]) as unknown as Float32Array,
            d1,
            d2,
            topK || undefined,
          );
        const numeric = (shifted(1) - shifted(-1)) / (2 * eps);
        let analytic = 0;
        grad1.forEach((g, i) => (analytic += g * u1[i]));
        grad2.forEach((g, i) => (analytic += g * u2[i]));
        expect(Math.abs(analytic - numeric)).toBeLessThan(2e-3 * Math.max(1, Math.abs(numeric)));
      }
      // Centring is part of the objective: adding a constant to a column changes nothing.
      for (let f = 0; f < d1; f++) {
        let s = 0;
        for (let i = 0; i < b; i++) s += grad1[i * d1 + f];
        expect(Math.abs(s)).toBeLessThan(1e-5);
      }
      tf.dispose([h1, h2, g1, g2]);
    });
  }

  it('explains a batch no larger than the output width instead of returning 1s', () => {
    expect(dccaBatchProblem(64, 32)).toBeNull();
    expect(dccaBatchProblem(32, 32)).toMatch(/more pairs per batch than output dimensions/);
    const small = tf.zeros<tf.Rank.R2>([8, 16]);
    expect(() => totalCorrelation(small, small, { reg: 1e-3 })).toThrow(
      /batch has 8 pairs for 16 dimensions/,
    );
    small.dispose();
  });

  it('gives 0, not NaN, for a view that does not vary, with a finite gradient', async () => {
    const constant = tf.fill<tf.Rank.R2>([20, 3], 0.7);
    const varied = tf.tensor2d(normals(60, 5), [20, 3]);
    const [v, [g1, g2]] = [
      tf.tidy(() => totalCorrelation(constant, varied, { reg: 1e-3 })),
      tf.grads((a: tf.Tensor, c: tf.Tensor) =>
        totalCorrelation(a as tf.Tensor2D, c as tf.Tensor2D, { reg: 1e-3 }),
      )([constant, varied]),
    ];
    expect(Math.abs((await v.data())[0])).toBeLessThan(1e-3);
    for (const g of [g1, g2]) expect(Array.from(await g.data()).every(Number.isFinite)).toBe(true);
    tf.dispose([constant, varied, v, g1, g2]);
  });
});

describe('Deep CCA objective on the WASM backend', () => {
  it('gives the same value as on the CPU backend', async () => {
    const [b, d1, d2] = [40, 5, 4];
    const [x, y] = views(b, d1, d2, 10);
    await useNodeBackend('cpu');
    const cpu = await value(x, y, b, d1, d2);
    await useNodeBackend('wasm');
    const wasm = await value(x, y, b, d1, d2);
    await useNodeBackend('cpu');
    expect(wasm).toBeCloseTo(cpu, 4);
  });
});
