import { assertPaired, dotRows, type Embeddings } from './embeddings';

/**
 * Alignment (Wang & Isola 2020): E ‖x_i − y_i‖², the mean squared distance between true pairs
 * (α = 2). For unit vectors it equals 2 − 2 · pairCosine; 0 when pairs coincide, 4 when opposite.
 */
export function alignment(x: Embeddings, y: Embeddings, rows?: ArrayLike<number>): number {
  assertPaired(x, y, 'alignment');
  const count = rows ? rows.length : x.n;
  let s = 0;
  for (let r = 0; r < count; r++) {
    const i = rows ? rows[r] : r;
    for (let k = 0; k < x.d; k++) s += (x.data[i * x.d + k] - y.data[i * y.d + k]) ** 2;
  }
  return s / count;
}

/** Uniformity is O(n²·d): above this many points it is estimated on the first `UNIFORMITY_MAX_POINTS`. */
export const UNIFORMITY_MAX_POINTS = 2048;

/**
 * Uniformity (Wang & Isola 2020): log E_{i<j} exp(−t ‖u_i − u_j‖²) with t = 2, over distinct pairs of
 * one modality's unit vectors. Lower is more uniform on the sphere; 0 when all points coincide.
 * For unit vectors ‖u − v‖² = 2 − 2 u·v lies in [0, 4], so each term exp(−t‖u − v‖²) lies in
 * [e^(−4t), 1]: no underflow for the t used here, and no log-sum-exp shift is needed.
 */
export function uniformity(u: Embeddings, t = 2): number {
  const n = Math.min(u.n, UNIFORMITY_MAX_POINTS);
  if (n < 2) throw new Error('uniformity: needs at least 2 embeddings');
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) s += Math.exp(-t * Math.max(0, 2 - 2 * dotRows(u, i, u, j)));
  }
  return Math.log(s / ((n * (n - 1)) / 2));
}
