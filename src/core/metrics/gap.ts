import { assertPaired, dotRows, meanRow, type Embeddings } from './embeddings';

/**
 * Modality gap (Liang et al. 2022): ‖mean(x) − mean(y)‖, the distance between the centroids of the two
 * modalities' L2-normalised embeddings. 0 when the clouds are centred on the same point; up to 2.
 * `rows` restricts to a subset of pairs.
 */
export function modalityGap(x: Embeddings, y: Embeddings, rows?: ArrayLike<number>): number {
  assertPaired(x, y, 'modalityGap');
  const mx = meanRow(x, rows);
  const my = meanRow(y, rows);
  let s = 0;
  for (let k = 0; k < x.d; k++) s += (mx[k] - my[k]) ** 2;
  return Math.sqrt(s);
}

/** Mean cosine of true pairs, mean_i x_i · y_i (rows L2-normalised). 1 when every pair coincides. */
export function pairCosine(x: Embeddings, y: Embeddings, rows?: ArrayLike<number>): number {
  assertPaired(x, y, 'pairCosine');
  const count = rows ? rows.length : x.n;
  let s = 0;
  for (let r = 0; r < count; r++) {
    const i = rows ? rows[r] : r;
    s += dotRows(x, i, y, i);
  }
  return s / count;
}

/**
 * The "cone" of one modality (Liang et al. 2022): mean cosine between two different items,
 * mean_{i≠j} x_i · x_j = (‖Σ x_i‖² − Σ ‖x_i‖²) / (n (n − 1)). Near 1 when all embeddings crowd into a
 * narrow cone; near 0 when they spread over the sphere. Needs n ≥ 2.
 */
export function coneCosine(x: Embeddings): number {
  if (x.n < 2) throw new Error('coneCosine: needs at least 2 embeddings');
  const sum = new Float64Array(x.d);
  let sqNorms = 0;
  for (let i = 0; i < x.n; i++) {
    for (let k = 0; k < x.d; k++) {
      const v = x.data[i * x.d + k];
      sum[k] = sum[k] + v;
      sqNorms += v * v;
    }
  }
  let total = 0;
  for (let k = 0; k < x.d; k++) total += sum[k] ** 2;
  return (total - sqNorms) / (x.n * (x.n - 1));
}
