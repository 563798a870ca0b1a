import { tf } from '../tf';
import { matMul } from '../models/matMul';
import { centre, crossCovariance, ridge, ridgeFloor } from '../linalg/covariance';
import { inverseSqrt, sqrtPsd } from '../linalg/newtonSchulz';
import { detached } from '../linalg/stopGradient';

/** Options of the DCCA objective. */
export interface DccaOptions {
  /** Ridge r added to each view's covariance, relative to its mean variance (see linalg/covariance.ts). */
  reg: number;
  /** Sum only the k largest canonical correlations; 0 (or ≥ the output width) sums them all. */
  topK?: number;
}

/** Orthogonal iterations that find the top-k subspace when `topK` is used. */
const SUBSPACE_ITERATIONS = 12;

/**
 * Why a batch cannot be used for DCCA, or null when it can. With b pairs the sample covariance of a
 * d-wide view has rank at most b − 1: when b ≤ d some direction never varies, and the other view can
 * match every direction that does exactly, so all correlations read 1 whatever the network computes.
 */
export function dccaBatchProblem(batch: number, dim: number): string | null {
  if (batch > dim) return null;
  return (
    `Deep CCA needs more pairs per batch than output dimensions, but the batch has ${batch} pairs for ` +
    `${dim} dimensions. With so few pairs the covariance of each view is singular and every canonical ` +
    `correlation reads 1 whatever the towers compute. Use a batch larger than the embedding size ` +
    `(twice as large or more, e.g. batch ${Math.max(2 * dim, 64)}) or a smaller embedding size.`
  );
}

/**
 * The total canonical correlation of a minibatch, the objective of Deep CCA (Andrew et al. 2013):
 *   Σ₁₁ = H̄₁ᵀH̄₁/(b−1) + r₁I,  Σ₂₂ likewise,  Σ₁₂ = H̄₁ᵀH̄₂/(b−1)      (H̄: centred outputs)
 *   T = Σ₁₁^−½ Σ₁₂ Σ₂₂^−½,   corr(H₁, H₂) = ‖T‖_tr = tr((TᵀT)^½) = Σᵢ σᵢ(T)
 * The singular values σᵢ(T) are the canonical correlations, each in [0, 1). With `topK` = k only the k
 * largest are summed: tr((VᵀTᵀTV)^½) with V the top-k right singular vectors of T, found by orthogonal
 * iteration and held constant for the gradient (at the optimum over V the gradient is the same).
 *
 * Matrix roots use Newton–Schulz iterations (linalg/newtonSchulz.ts), so the gradient reaches both towers
 * through matMul alone. Throws the message of `dccaBatchProblem` when the batch is too small.
 *
 * h1: [b, d1], h2: [b, d2], row i of both from pair i. Returns a scalar in [0, min(d1, d2, k)].
 */
export function totalCorrelation(h1: tf.Tensor2D, h2: tf.Tensor2D, options: DccaOptions): tf.Scalar {
  const [b, d1] = h1.shape;
  const d2 = h2.shape[1];
  const problem = dccaBatchProblem(b, Math.max(d1, d2));
  if (problem) throw new Error(problem);
  return tf.tidy(() => {
    const t = whitenedCrossCovariance(h1, h2, options.reg);
    let m = matMul(tf.transpose(t), t); // [d2, d2]: eigenvalues σᵢ²
    const k = options.topK ?? 0;
    if (k > 0 && k < Math.min(d1, d2)) {
      const v = detached([m], (mm) => topEigenvectors(mm as tf.Tensor2D, k));
      m = matMul(matMul(tf.transpose(v), m), v); // [k, k]
    }
    return tf.sum(tf.mul(sqrtPsd(m), tf.eye(m.shape[0]))) as tf.Scalar;
  });
}

/** The Deep CCA loss: minus the total canonical correlation (see totalCorrelation). */
export function dccaLoss(h1: tf.Tensor2D, h2: tf.Tensor2D, options: DccaOptions): tf.Scalar {
  return tf.tidy(() => tf.neg(totalCorrelation(h1, h2, options)));
}

/**
 * T = Σ₁₁^−½ Σ₁₂ Σ₂₂^−½ with ridged covariances. h1: [b, d1], h2: [b, d2]. Returns [d1, d2].
 */
export function whitenedCrossCovariance(h1: tf.Tensor2D, h2: tf.Tensor2D, reg: number): tf.Tensor2D {
  return tf.tidy(() => {
    const a1 = centre(h1);
    const a2 = centre(h2);
    const w1 = inverseSqrt(ridge(crossCovariance(a1, a1), reg), ridgeFloor(reg, h1.shape[1]));
    const w2 = inverseSqrt(ridge(crossCovariance(a2, a2), reg), ridgeFloor(reg, h2.shape[1]));
    return matMul(matMul(w1, crossCovariance(a1, a2)), w2);
  });
}

/**
 * Orthonormal basis of the top-k eigenspace of a symmetric PSD matrix, by orthogonal iteration
 * Q ← qr(M Q) from a fixed start. m: [d, d]. Returns [d, k].
 */
function topEigenvectors(m: tf.Tensor2D, k: number): tf.Tensor2D {
  return tf.tidy(() => {
    const d = m.shape[0];
    // A fixed, full-rank start: the first k columns of a cosine (DCT-like) basis, never orthogonal to
    // the wanted subspace in practice and the same on every backend.
    const start = new Float32Array(d * k);
    for (let i = 0; i < d; i++)
      for (let j = 0; j < k; j++) start[i * k + j] = Math.cos((Math.PI * (i + 0.5) * (j + 0.5)) / d);
    let q = tf.tensor2d(start, [d, k]);
    for (let s = 0; s < SUBSPACE_ITERATIONS; s++) q = tf.linalg.qr(tf.matMul(m, q))[0] as tf.Tensor2D;
    return q;
  });
}
