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
  // Each cosine is dotRows' float64 sum in k order and the terms are added in (i, j) order, as one
  // dotRows per pair would; four rows j at a time only overlap their sums (about twice as fast).
  const d = u.d;
  const x = Float64Array.from(u.data.subarray(0, n * d));
  const term = (cos: number) => Math.exp(-t * Math.max(0, 2 - 2 * cos));
  let s = 0;
  for (let i = 0; i < n; i++) {
    const a = i * d;
    let j = i + 1;
    for (; j + 3 < n; j += 4) {
      const b0 = j * d;
      const b1 = b0 + d;
      const b2 = b1 + d;
      const b3 = b2 + d;
      let c0 = 0;
      let c1 = 0;
      let c2 = 0;
      let c3 = 0;
      for (let k = 0; k < d; k++) {
        const v = x[a + k];
        c0 += v * x[b0 + k];
        c1 += v * x[b1 + k];
        c2 += v * x[b2 + k];
        c3 += v * x[b3 + k];
      }
      s += term(c0);
      s += term(c1);
      s += term(c2);
      s += term(c3);
    }
    for (; j < n; j++) s += term(dotRows(u, i, u, j));
  }
  return Math.log(s / ((n * (n - 1)) / 2));
}
