import { describe, expect, it } from 'vitest';
import { Matrix, QrDecomposition } from 'ml-matrix';
import { createRng } from '../../../src/core/random/rng';
import { leadingEigenvectors } from '../../../src/core/linalg/leadingEigenvectors';

/** Q diag(λ) Qᵀ with Q [d, d] a seeded random orthonormal basis; column j of Q has eigenvalue λⱼ. */
function withSpectrum(lambda: number[], seed: number): { sigma: Matrix; q: Matrix } {
  const rng = createRng(seed);
  const d = lambda.length;
  const q = new QrDecomposition(
    Matrix.from1DArray(
      d,
      d,
      Array.from({ length: d * d }, () => rng.normal()),
    ),
  ).orthogonalMatrix;
  const sigma = q.mmul(Matrix.diag(lambda)).mmul(q.transpose());
  return { sigma: sigma.add(sigma.transpose()).div(2), q };
}

/** |cosine| between column j of a and column j of b (eigenvectors have no sign). */
const alignment = (a: Matrix, b: Matrix, j: number) =>
  Math.abs(a.getColumnVector(j).dot(b.getColumnVector(j)));

describe('leadingEigenvectors', () => {
  it('finds the leading eigenpairs of a large matrix by subspace iteration', () => {
    const lambda = Array.from({ length: 60 }, (_, j) => 0.6 ** j);
    const { sigma, q } = withSpectrum(lambda, 5);
    const { values, vectors } = leadingEigenvectors(sigma, 4);
    expect(vectors.rows).toBe(60);
    expect(vectors.columns).toBe(4);
    values.forEach((v, j) => expect(v).toBeCloseTo(lambda[j], 6));
    for (let j = 0; j < 4; j++) expect(alignment(vectors, q, j)).toBeGreaterThan(0.999);
  });

  it('decomposes a small matrix fully and exactly, largest first', () => {
    const lambda = [1, 4, 2, 9, 0.5];
    const { sigma, q } = withSpectrum(lambda, 2);
    const { values, vectors } = leadingEigenvectors(sigma, 3);
    expect(values.map((v) => Number(v.toFixed(9)))).toEqual([9, 4, 2]);
    [3, 1, 2].forEach((col, j) =>
      expect(Math.abs(vectors.getColumnVector(j).dot(q.getColumnVector(col)))).toBeCloseTo(1, 9),
    );
  });
});
