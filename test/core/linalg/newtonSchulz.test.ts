import { beforeAll, describe, expect, it } from 'vitest';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { createRng } from '../../../src/core/random/rng';
import { newtonSchulzRoots, newtonSchulzSteps } from '../../../src/core/linalg/newtonSchulz';
import { ridge, ridgeFloor } from '../../../src/core/linalg/covariance';
import { stopGradient } from '../../../src/core/linalg/stopGradient';

/** A random SPD matrix B Bᵀ/n + shift·I, [d, d] row-major. */
function spd(d: number, seed: number, shift: number): number[] {
  const rng = createRng(seed);
  const b = Matrix.from1DArray(
    d,
    2 * d,
    Array.from({ length: 2 * d * d }, () => rng.normal()),
  );
  return b
    .mmulByTranspose()
    .div(2 * d)
    .add(Matrix.eye(d).mul(shift))
    .to1DArray();
}

/** A^p by ml-matrix's symmetric eigendecomposition: Q diag(λ^p) Qᵀ. */
function power(a: number[], d: number, p: number): number[] {
  const evd = new EigenvalueDecomposition(Matrix.from1DArray(d, d, a), { assumeSymmetric: true });
  const q = evd.eigenvectorMatrix;
  const scaled = q.clone();
  evd.realEigenvalues.forEach((l, j) => scaled.mulColumn(j, l ** p));
  return scaled.mmul(q.transpose()).to1DArray();
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number) {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  expect(worst).toBeLessThan(tolerance);
}

describe('newtonSchulzRoots', () => {
  beforeAll(() => useNodeBackend('cpu'));

  it('matches the roots from ml-matrix’s eigendecomposition on an SPD matrix', async () => {
    const d = 6;
    const a = spd(d, 1, 0.05);
    const roots = newtonSchulzRoots(tf.tensor2d(a, [d, d]), newtonSchulzSteps(1e-3));
    expectClose(await roots.invSqrt.data(), power(a, d, -0.5), 2e-4);
    expectClose(await roots.sqrt.data(), power(a, d, 0.5), 2e-5);
    tf.dispose([roots.sqrt, roots.invSqrt]);
  });

  it('reaches float32 accuracy on a ridged covariance within the steps its bound asks for', async () => {
    const d = 16;
    const reg = 1e-3;
    // A nearly singular covariance: rank 4 plus a whisper.
    const rng = createRng(2);
    const b = Matrix.from1DArray(
      d,
      4,
      Array.from({ length: 4 * d }, () => rng.normal()),
    );
    const sigma = b.mmulByTranspose().add(Matrix.eye(d).mul(1e-7));
    const ridged = tf.tidy(() => ridge(tf.tensor2d(sigma.to1DArray(), [d, d]), reg));
    const reference = power(Array.from(await ridged.data()), d, -0.5);
    const roots = newtonSchulzRoots(ridged, newtonSchulzSteps(ridgeFloor(reg, d)));
    const got = await roots.invSqrt.data();
    const scale = Math.max(...reference.map(Math.abs));
    expectClose(
      Array.from(got, (v) => v / scale),
      reference.map((v) => v / scale),
      1e-3,
    );
    tf.dispose([ridged, roots.sqrt, roots.invSqrt]);
  });

  it('stays finite for the zero matrix', async () => {
    const roots = newtonSchulzRoots(tf.zeros<tf.Rank.R2>([3, 3]), 20);
    expect(Array.from(await roots.sqrt.data()).every((v) => v === 0)).toBe(true);
    tf.dispose([roots.sqrt, roots.invSqrt]);
  });
});

describe('stopGradient', () => {
  beforeAll(() => useNodeBackend('cpu'));

  it('passes values through and blocks the gradient', async () => {
    const x = tf.tensor1d([1, 2, 3]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.add(tf.mul(v, 2), tf.square(stopGradient(v)))))(x);
    expect(Array.from(await g.data())).toEqual([2, 2, 2]);
    tf.dispose([x, g]);
  });
});
