/**
 * Orthogonal Procrustes in the plane: the rotation (or reflection), uniform scale and translation that
 * carry one 2-D layout onto another with the least squared error. UMAP and PCA fix a layout only up to
 * such a map, so each refresh is aligned to the previous one and the picture does not spin or flip.
 *
 * For 2x2 the SVD has a closed form: the best rotation and the best reflection each score
 * sqrt(p² + q²) for a pair (p, q) read off the cross-covariance, and the larger of the two wins.
 */

/** x' = s·R·x + t, with R a rotation or a reflection. `matrix` is s·R, row-major [m00, m01, m10, m11]. */
export interface Similarity2d {
  readonly matrix: readonly [number, number, number, number];
  readonly translation: readonly [number, number];
  readonly scale: number;
  readonly reflection: boolean;
}

export interface ProcrustesOptions {
  /** Fit a uniform scale (default true); false keeps distances as they are. */
  scale?: boolean;
  /** Allow a reflection (default true): a mirrored layout is as valid as the original. */
  reflection?: boolean;
}

export const IDENTITY_2D: Similarity2d = {
  matrix: [1, 0, 0, 1],
  translation: [0, 0],
  scale: 1,
  reflection: false,
};

/**
 * The similarity that maps `source` onto `target` (both [m, 2], row-major, row i ↔ row i), minimising
 * sum |s·R·source_i + t - target_i|². Degenerate input (fewer than 2 distinct points) gives a translation.
 */
export function fitProcrustes(
  source: Float32Array,
  target: Float32Array,
  options: ProcrustesOptions = {},
): Similarity2d {
  if (source.length !== target.length || source.length % 2 !== 0)
    throw new Error(`fitProcrustes: lengths ${source.length} and ${target.length} differ or are odd`);
  const m = source.length / 2;
  if (m === 0) return IDENTITY_2D;
  let px = 0;
  let py = 0;
  let qx = 0;
  let qy = 0;
  for (let i = 0; i < m; i++) {
    px += source[2 * i];
    py += source[2 * i + 1];
    qx += target[2 * i];
    qy += target[2 * i + 1];
  }
  px /= m;
  py /= m;
  qx /= m;
  qy /= m;
  // Cross-covariance M = sum target~ source~^T and the source's spread.
  let m00 = 0;
  let m01 = 0;
  let m10 = 0;
  let m11 = 0;
  let spread = 0;
  for (let i = 0; i < m; i++) {
    const sx = source[2 * i] - px;
    const sy = source[2 * i + 1] - py;
    const tx = target[2 * i] - qx;
    const ty = target[2 * i + 1] - qy;
    m00 += tx * sx;
    m01 += tx * sy;
    m10 += ty * sx;
    m11 += ty * sy;
    spread += sx * sx + sy * sy;
  }
  const rotScore = Math.hypot(m00 + m11, m10 - m01);
  const refScore = Math.hypot(m00 - m11, m10 + m01);
  const reflection = (options.reflection ?? true) && refScore > rotScore;
  let r: [number, number, number, number];
  let best: number;
  if (spread === 0 || Math.max(rotScore, refScore) === 0) {
    r = [1, 0, 0, 1];
    best = 0;
  } else if (reflection) {
    const th = Math.atan2(m10 + m01, m00 - m11);
    r = [Math.cos(th), Math.sin(th), Math.sin(th), -Math.cos(th)];
    best = refScore;
  } else {
    const th = Math.atan2(m10 - m01, m00 + m11);
    r = [Math.cos(th), -Math.sin(th), Math.sin(th), Math.cos(th)];
    best = rotScore;
  }
  const s = (options.scale ?? true) && spread > 0 && best > 0 ? best / spread : 1;
  const matrix: [number, number, number, number] = [s * r[0], s * r[1], s * r[2], s * r[3]];
  const translation: [number, number] = [
    qx - (matrix[0] * px + matrix[1] * py),
    qy - (matrix[2] * px + matrix[3] * py),
  ];
  return { matrix, translation, scale: s, reflection };
}

/** Applies `t` to the points of `xy` ([m, 2]); writes into `out` (may be `xy` itself) or a new array. */
export function applySimilarity(
  t: Similarity2d,
  xy: Float32Array,
  out: Float32Array = new Float32Array(xy.length),
): Float32Array {
  const [a, b, c, d] = t.matrix;
  const [ex, ey] = t.translation;
  for (let i = 0; i < xy.length; i += 2) {
    const x = xy[i];
    const y = xy[i + 1];
    out[i] = a * x + b * y + ex;
    out[i + 1] = c * x + d * y + ey;
  }
  return out;
}

/** `source` moved onto `target` by the best similarity: the new layout in the previous one's frame. */
export function alignLayout(
  source: Float32Array,
  target: Float32Array,
  options: ProcrustesOptions = {},
): Float32Array {
  return applySimilarity(fitProcrustes(source, target, options), source);
}

/** Root-mean-square distance between corresponding points of two layouts ([m, 2] each). */
export function rmsDistance(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s / Math.max(a.length / 2, 1));
}
