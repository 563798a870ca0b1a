/**
 * Principal component analysis to two dimensions, by subspace iteration on the covariance matrix.
 *
 * The covariance is [d, d] (d = embedding width, 32 by default), so forming it once (n·d²/2) and
 * iterating on it is cheaper than iterating over the data, and a refresh can start from the previous
 * axes, which are usually already within a few degrees of the new ones.
 */
export interface PcaResult {
  /** [n, 2] coordinates of the centred rows on the two axes. */
  xy: Float32Array;
  /** [2, d] the principal axes, unit length, first = largest variance. */
  axes: Float64Array;
  /** Variance along each axis. */
  variance: [number, number];
  /** Total variance (trace of the covariance), so variance / total is the share explained. */
  totalVariance: number;
  /** Iterations used. */
  iterations: number;
}

export interface PcaOptions {
  /** [2, d] starting axes (e.g. the previous result's); a fixed deterministic start otherwise. */
  initAxes?: Float64Array;
  /** Largest number of iterations (default 300). */
  maxIterations?: number;
  /** Stop when the axes move less than this (1 - |cos|, default 1e-10). */
  tolerance?: number;
}

/**
 * Projects the n rows of `data` ([n, d], row-major) onto their first two principal axes.
 *
 * Sign convention (so the same data always gives the same picture): each axis is flipped so that its
 * loading of largest magnitude is positive.
 */
export function pca2d(data: Float32Array, n: number, d: number, options: PcaOptions = {}): PcaResult {
  if (data.length !== n * d) throw new Error(`pca2d: data has ${data.length} values, expected ${n}x${d}`);
  if (n < 1 || d < 1) throw new Error('pca2d: needs at least one row and one column');
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) mean[c] = mean[c] + data[i * d + c];
  for (let c = 0; c < d; c++) mean[c] = mean[c] / n;

  // Upper triangle accumulated in float64, then mirrored.
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < d; c++) row[c] = data[i * d + c] - mean[c];
    for (let r = 0; r < d; r++) {
      const v = row[r];
      if (v === 0) continue;
      for (let c = r; c < d; c++) cov[r * d + c] = cov[r * d + c] + v * row[c];
    }
  }
  let total = 0;
  for (let r = 0; r < d; r++) {
    for (let c = r; c < d; c++) {
      const v = cov[r * d + c] / Math.max(n - 1, 1);
      cov[r * d + c] = v;
      cov[c * d + r] = v;
    }
    total += cov[r * d + r];
  }

  const { axes, iterations } = topTwoEigenvectors(cov, d, options);
  const variance: [number, number] = [rayleigh(cov, d, axes, 0), rayleigh(cov, d, axes, 1)];
  for (let a = 0; a < 2; a++) {
    let big = 0;
    for (let c = 0; c < d; c++) if (Math.abs(axes[a * d + c]) > Math.abs(axes[a * d + big])) big = c;
    if (axes[a * d + big] < 0) for (let c = 0; c < d; c++) axes[a * d + c] = -axes[a * d + c];
  }

  const xy = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    let x = 0;
    let y = 0;
    for (let c = 0; c < d; c++) {
      const v = data[i * d + c] - mean[c];
      x += v * axes[c];
      y += v * axes[d + c];
    }
    xy[2 * i] = x;
    xy[2 * i + 1] = y;
  }
  return { xy, axes, variance, totalVariance: total, iterations };
}

/** v^T C v for axis a (unit length). */
function rayleigh(cov: Float64Array, d: number, axes: Float64Array, a: number): number {
  let s = 0;
  for (let r = 0; r < d; r++) {
    let cv = 0;
    for (let c = 0; c < d; c++) cv += cov[r * d + c] * axes[a * d + c];
    s += axes[a * d + r] * cv;
  }
  return s;
}

/**
 * Subspace iteration for the 2-D dominant eigenspace of the symmetric PSD matrix `cov` ([d, d]), with a
 * Rayleigh–Ritz rotation each step so the two vectors are the eigenvectors, not just a basis of the plane.
 */
function topTwoEigenvectors(
  cov: Float64Array,
  d: number,
  options: PcaOptions,
): { axes: Float64Array; iterations: number } {
  const q = new Float64Array(2 * d);
  if (options.initAxes && options.initAxes.length === 2 * d) q.set(options.initAxes);
  else {
    // Deterministic, and not orthogonal to any axis in practice: a slowly varying ramp and its twin.
    for (let c = 0; c < d; c++) {
      q[c] = 1 + c / d;
      q[d + c] = Math.cos(c + 1);
    }
  }
  if (d === 1) return { axes: Float64Array.from([1, 0]), iterations: 0 };
  orthonormalise(q, d);
  const z = new Float64Array(2 * d);
  const maxIterations = options.maxIterations ?? 300;
  const tolerance = options.tolerance ?? 1e-10;
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    for (let a = 0; a < 2; a++)
      for (let r = 0; r < d; r++) {
        let s = 0;
        for (let c = 0; c < d; c++) s += cov[r * d + c] * q[a * d + c];
        z[a * d + r] = s;
      }
    // Rayleigh–Ritz: the 2x2 matrix q^T C q, whose eigenvectors rotate the plane basis onto the axes.
    const h00 = dotAt(q, 0, z, 0, d);
    const h01 = dotAt(q, 0, z, d, d);
    const h11 = dotAt(q, d, z, d, d);
    const theta = 0.5 * Math.atan2(2 * h01, h00 - h11);
    const cs = Math.cos(theta);
    const sn = Math.sin(theta);
    for (let c = 0; c < d; c++) {
      const z0 = z[c];
      const z1 = z[d + c];
      z[c] = cs * z0 + sn * z1;
      z[d + c] = -sn * z0 + cs * z1;
    }
    if (!orthonormalise(z, d)) break; // rank < 2: the plane is as good as it gets
    const moved = Math.max(1 - Math.abs(dotAt(q, 0, z, 0, d)), 1 - Math.abs(dotAt(q, d, z, d, d)));
    q.set(z);
    if (moved < tolerance) {
      iterations++;
      break;
    }
  }
  return { axes: q, iterations };
}

function dotAt(x: Float64Array, ox: number, y: Float64Array, oy: number, d: number): number {
  let s = 0;
  for (let c = 0; c < d; c++) s += x[ox + c] * y[oy + c];
  return s;
}

/** Gram–Schmidt on the two rows of v ([2, d]); false if either collapses to zero. */
function orthonormalise(v: Float64Array, d: number): boolean {
  const n0 = Math.sqrt(dotAt(v, 0, v, 0, d));
  if (!(n0 > 1e-300)) return false;
  for (let c = 0; c < d; c++) v[c] = v[c] / n0;
  const p = dotAt(v, 0, v, d, d);
  for (let c = 0; c < d; c++) v[d + c] = v[d + c] - p * v[c];
  const n1 = Math.sqrt(dotAt(v, d, v, d, d));
  if (!(n1 > 1e-300)) return false;
  for (let c = 0; c < d; c++) v[d + c] = v[d + c] / n1;
  return true;
}
