import { Matrix } from 'ml-matrix';

/**
 * Linear centred kernel alignment (Kornblith, Norouzi, Lee & Hinton 2019): how alike two sets of
 * embeddings of the same n items are, as a number in [0, 1], whatever their widths.
 *   CKA(X, Y) = ‖ȲᵀX̄‖²_F / (‖X̄ᵀX̄‖_F ‖ȲᵀȲ‖_F)          (X̄, Ȳ: column-centred)
 * It is 1 when Y is X rotated and uniformly scaled (the two sets have the same geometry) and does not
 * change under either; unlike CCA it is not fooled by directions of tiny variance.
 *
 * x: [n, d1], y: [n, d2] row-major, row i of both from item i. Throws when a set does not vary at all.
 */
export function linearCka(
  x: Float32Array | Float64Array,
  y: Float32Array | Float64Array,
  d1: number,
  d2: number,
): number {
  const n = x.length / d1;
  if (!Number.isInteger(n) || y.length / d2 !== n || n < 2) {
    throw new Error(`linearCka: x has ${x.length} numbers for width ${d1}, y ${y.length} for width ${d2}`);
  }
  const cx = centredMatrix(x, n, d1);
  const cy = centredMatrix(y, n, d2);
  const cross = cx.transposeMultiply(cy).norm('frobenius');
  const denominator = cx.gram().norm('frobenius') * cy.gram().norm('frobenius');
  if (!(denominator > 0)) throw new Error('linearCka: one of the sets does not vary at all');
  return Math.min((cross * cross) / denominator, 1);
}

function centredMatrix(data: Float32Array | Float64Array, n: number, d: number): Matrix {
  const out = new Matrix(n, d);
  for (let f = 0; f < d; f++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += data[i * d + f];
    mean /= n;
    for (let i = 0; i < n; i++) out.set(i, f, data[i * d + f] - mean);
  }
  return out;
}
