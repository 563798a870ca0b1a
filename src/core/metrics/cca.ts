import { EigenvalueDecomposition, Matrix, SingularValueDecomposition } from 'ml-matrix';

/** Regularisation of Andrew et al. (2013), relative to each view's mean variance (see `linearCca`). */
export const DEFAULT_CCA_REG = 1e-3;

/** A reason, in words a student can act on, why CCA cannot be computed on the data given. */
export class CcaError extends Error {
  override readonly name = 'CcaError';
}

export interface CcaOptions {
  /** Ridge r: each covariance gets r times its mean variance added to its diagonal. Default 1e-3. */
  reg?: number;
  /** How many canonical pairs to keep; default (and at most) min(d1, d2). */
  k?: number;
}

/**
 * Linear canonical correlation analysis of two views (Hotelling 1936). Directions aᵢ, bᵢ maximise
 * corr(x aᵢ, y bᵢ) subject to the variates being uncorrelated with the earlier ones; the correlations
 * ρ₁ ≥ ρ₂ ≥ ... are the singular values of T = Σ₁₁^−½ Σ₁₂ Σ₂₂^−½.
 */
export interface LinearCca {
  /** ρ₁ ≥ ... ≥ ρ_k, each in [0, 1]. */
  correlations: number[];
  k: number;
  d1: number;
  d2: number;
  /** Canonical directions, row-major: x [d1, k] (A = Σ₁₁^−½ U), y [d2, k] (B = Σ₂₂^−½ V). */
  directions: { x: Float64Array; y: Float64Array };
  /** Column means of each view, [d1] and [d2]: variates are computed from centred data. */
  means: { x: Float64Array; y: Float64Array };
}

/**
 * CCA of paired row vectors. x: [n, d1], y: [n, d2] row-major, row i of both from pair i.
 *
 * Each covariance is regularised as Σ + (r · tr Σ / d) I, a ridge of r times the view's mean variance:
 * the correlations then do not depend on the units of either view, and for features of unit variance it
 * is the Σ + rI of Andrew et al. (2013). With r = 0 this is textbook CCA.
 *
 * Sample canonical correlations are biased upwards when n is not much larger than d1 + d2 (random data
 * gives ρ₁ near √((d1 + d2)/n)): compare values measured on sets of the same size.
 *
 * Throws a CcaError when n ≤ max(d1, d2) (every correlation would read 1), when a view does not vary at
 * all, or when r = 0 and a view's covariance is singular.
 */
export function linearCca(
  x: Float32Array | Float64Array,
  y: Float32Array | Float64Array,
  d1: number,
  d2: number,
  options: CcaOptions = {},
): LinearCca {
  const n = x.length / d1;
  if (!Number.isInteger(n) || y.length / d2 !== n) {
    throw new Error(`linearCca: x has ${x.length} numbers for width ${d1}, y ${y.length} for width ${d2}`);
  }
  if (n <= Math.max(d1, d2)) {
    throw new CcaError(
      `CCA needs more pairs than dimensions, but there are ${n} pairs for ${Math.max(d1, d2)} dimensions: ` +
        `with so few pairs every canonical correlation reads 1. Evaluate on more pairs or use a smaller embedding.`,
    );
  }
  const reg = options.reg ?? DEFAULT_CCA_REG;
  const m = Math.min(d1, d2);
  const k = Math.max(1, Math.min(options.k ?? m, m));
  const cx = centred(x, n, d1);
  const cy = centred(y, n, d2);
  const s11 = cx.data.gram().div(n - 1);
  const s22 = cy.data.gram().div(n - 1);
  const s12 = cx.data.transposeMultiply(cy.data).div(n - 1);
  const w1 = inverseSqrtSpd(regularised(s11, reg, 'image'), 'image');
  const w2 = inverseSqrtSpd(regularised(s22, reg, 'text'), 'text');
  const t = w1.mmul(s12).mmul(w2);
  const svd = new SingularValueDecomposition(t, { autoTranspose: true });
  const order = svd.diagonal.map((s, i) => [s, i] as const).sort((p, q) => q[0] - p[0]);
  const a = new Matrix(d1, k);
  const b = new Matrix(d2, k);
  const u = w1.mmul(svd.leftSingularVectors);
  const v = w2.mmul(svd.rightSingularVectors);
  const correlations: number[] = [];
  for (let j = 0; j < k; j++) {
    const [s, col] = order[j];
    correlations.push(Math.min(Math.max(s, 0), 1));
    // Singular vectors come with an arbitrary sign: fix it so the largest x weight is positive, which
    // keeps a scatter of the variates from flipping between evaluations for no reason.
    const sign = signOfLargest(u.getColumn(col));
    for (let i = 0; i < d1; i++) a.set(i, j, sign * u.get(i, col));
    for (let i = 0; i < d2; i++) b.set(i, j, sign * v.get(i, col));
  }
  return {
    correlations,
    k,
    d1,
    d2,
    directions: { x: Float64Array.from(a.to1DArray()), y: Float64Array.from(b.to1DArray()) },
    means: { x: cx.mean, y: cy.mean },
  };
}

/**
 * Canonical variates of one view: (row − mean) · A for 'x', (row − mean) · B for 'y'. data: [n, d] of
 * that view. Returns [n, components] row-major (components ≤ k, default k). With r = 0 each variate has
 * unit variance on the data CCA was fitted to, and variate j of x correlates ρⱼ with variate j of y.
 */
export function canonicalVariates(
  cca: LinearCca,
  view: 'x' | 'y',
  data: Float32Array | Float64Array,
  components = cca.k,
): Float32Array {
  const d = view === 'x' ? cca.d1 : cca.d2;
  const dir = cca.directions[view];
  const mean = cca.means[view];
  const c = Math.min(components, cca.k);
  const n = data.length / d;
  const out = new Float32Array(n * c);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < c; j++) {
      let s = 0;
      for (let f = 0; f < d; f++) s += (data[i * d + f] - mean[f]) * dir[f * cca.k + j];
      out[i * c + j] = s;
    }
  }
  return out;
}

function centred(
  data: Float32Array | Float64Array,
  n: number,
  d: number,
): { data: Matrix; mean: Float64Array } {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) mean[f] = mean[f] + data[i * d + f];
  for (let f = 0; f < d; f++) mean[f] = mean[f] / n;
  const out = new Matrix(n, d);
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) out.set(i, f, data[i * d + f] - mean[f]);
  return { data: out, mean };
}

function regularised(sigma: Matrix, reg: number, view: string): Matrix {
  const d = sigma.rows;
  const trace = sigma.trace();
  if (!(trace > 0)) {
    throw new CcaError(
      `The ${view} embeddings do not vary at all (every row is the same): CCA has nothing to correlate.`,
    );
  }
  const shift = (reg * trace) / d;
  const out = sigma.clone();
  for (let i = 0; i < d; i++) out.set(i, i, out.get(i, i) + shift);
  return out;
}

/** S^−½ = Q diag(λ^−½) Qᵀ from the symmetric eigendecomposition S = Q diag(λ) Qᵀ. */
function inverseSqrtSpd(s: Matrix, view: string): Matrix {
  const evd = new EigenvalueDecomposition(s, { assumeSymmetric: true });
  const lambda = evd.realEigenvalues;
  const largest = Math.max(...lambda);
  if (Math.min(...lambda) <= largest * 1e-12) {
    throw new CcaError(
      `The ${view} embeddings vary in fewer directions than they have dimensions (constant or repeated ` +
        `features), so their covariance cannot be inverted: use a regularisation above 0.`,
    );
  }
  const q = evd.eigenvectorMatrix;
  const scaled = q.clone();
  for (let j = 0; j < lambda.length; j++) scaled.mulColumn(j, 1 / Math.sqrt(lambda[j]));
  return scaled.mmul(q.transpose());
}

function signOfLargest(column: number[]): number {
  let best = 0;
  for (const v of column) if (Math.abs(v) > Math.abs(best)) best = v;
  return best < 0 ? -1 : 1;
}

/** Linear CCA of two sets as plain numbers for a chart (JSON-able). */
export interface CcaSummary {
  /** The k largest canonical correlations, descending, each in [0, 1]. */
  correlations: number[];
  /** Their sum, the total canonical correlation (what Deep CCA maximises). */
  total: number;
  /**
   * The first two canonical variates of each view for the first `points` pairs (3 decimals):
   * x[0][i] against y[0][i] scatters along the diagonal as tightly as ρ₁ says.
   */
  variates?: { x: [number[], number[]]; y: [number[], number[]] };
}

/**
 * `linearCca` summarised for display: correlations, their total and optionally the first two variates
 * of the first `points` pairs. A CcaError becomes `{ problem }` (its message), so a chart can say why.
 */
export function summariseCca(
  x: Float32Array,
  y: Float32Array,
  d1: number,
  d2: number,
  options: CcaOptions & { points?: number } = {},
): CcaSummary | { problem: string } {
  let fit: LinearCca;
  try {
    fit = linearCca(x, y, d1, d2, options);
  } catch (e) {
    if (e instanceof CcaError) return { problem: e.message };
    throw e;
  }
  const summary: CcaSummary = {
    correlations: fit.correlations,
    total: fit.correlations.reduce((a, b) => a + b, 0),
  };
  const rows = Math.min(options.points ?? 0, x.length / d1);
  if (rows > 0) {
    const c = Math.min(2, fit.k);
    const first = (view: 'x' | 'y', data: Float32Array, d: number): [number[], number[]] => {
      const v = canonicalVariates(fit, view, data.subarray(0, rows * d), c);
      const column = (j: number) =>
        j < c ? Array.from({ length: rows }, (_, i) => Math.round(v[i * c + j] * 1e3) / 1e3) : [];
      return [column(0), column(1)];
    };
    summary.variates = { x: first('x', x, d1), y: first('y', y, d2) };
  }
  return summary;
}
