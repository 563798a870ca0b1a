import { tf } from '../tf';
import { centre, crossCovariance, ridge, ridgeFloor } from '../linalg/covariance';
import { newtonSchulzSteps } from '../linalg/newtonSchulz';
// The roots run forward only here (the gradient is closed-form): on WebGPU each is one dispatch.
import { newtonSchulzRootsForward } from '../gpu/fusedNewtonSchulz';

/** A 2-D product; forward-only code here, so TF.js's own matMul (see models/matMul.ts for why not elsewhere). */
const mm = (a: tf.Tensor2D, b: tf.Tensor2D, transposeA = false, transposeB = false): tf.Tensor2D =>
  tf.matMul(a, b, transposeA, transposeB);

/** Options of the DCCA objective. */
export interface DccaOptions {
  /** Ridge r added to each view's covariance, relative to its mean variance (see linalg/covariance.ts). */
  reg: number;
  /** Sum only the k largest canonical correlations; 0 (or ≥ the output width) sums them all. */
  topK?: number;
}

/**
 * Added to TᵀT before its inverse root is taken for the polar factor: canonical correlations are in
 * [0, 1], so this only affects correlations below about 1e-4, and keeps a view that does not vary
 * (T = 0) finite.
 */
const POLAR_EPS = 1e-8;
/** Newton–Schulz steps for (TᵀT + ε)^−½: enough for every correlation above about 1e-3. */
const POLAR_STEPS = newtonSchulzSteps(1e-7);
/** Orthogonal iterations that find the top-k subspace when `topK` is used. */
const SUBSPACE_ITERATIONS = 6;

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
 *   T = Σ₁₁^−½ Σ₁₂ Σ₂₂^−½ = U D Vᵀ,   corr(H₁, H₂) = tr((TᵀT)^½) = Σᵢ Dᵢᵢ
 * (here rᵢ is `reg` times view i's mean variance, so that scaling the outputs changes nothing).
 * The singular values Dᵢᵢ are the canonical correlations, each in [0, 1). With `topK` = k only the k
 * largest count (U, D, V cut to their first k columns).
 *
 * The gradient is the closed form of Andrew et al. (their eq. 12 and its top-k form), with P = U Vᵀ:
 *   ∇₁₂ = Σ₁₁^−½ P Σ₂₂^−½,   ∇₁₁ = −½ Σ₁₁^−½ (U D Uᵀ) Σ₁₁^−½,   ∇₂₂ likewise with V D Vᵀ
 *   ∂corr/∂H₁ = (2 H̄₁ ∇₁₁ + H̄₂ ∇₁₂ᵀ) / (b − 1),   ∂corr/∂H₂ = (2 H̄₂ ∇₂₂ + H̄₁ ∇₁₂) / (b − 1)
 * TF.js has no SVD, but every factor is a matrix root: P = T (TᵀT)^−½, U D Uᵀ = P Tᵀ, V D Vᵀ = Pᵀ T,
 * taken by Newton–Schulz iterations (linalg/newtonSchulz.ts), matMul only. Written as a custom gradient
 * the iterations run forward only and are not recorded for autodiff, which is several times cheaper.
 *
 * Throws the message of `dccaBatchProblem` when the batch is too small. A view that does not vary gives
 * correlations of 0 (its covariance is only the ridge), not NaN.
 *
 * h1: [b, d1], h2: [b, d2], row i of both from pair i. Returns a scalar in [0, min(d1, d2, k)].
 */
export function totalCorrelation(h1: tf.Tensor2D, h2: tf.Tensor2D, options: DccaOptions): tf.Scalar {
  const [b, d1] = h1.shape;
  const d2 = h2.shape[1];
  const problem = dccaBatchProblem(b, Math.max(d1, d2));
  if (problem) throw new Error(problem);
  const k = options.topK ?? 0;
  const withGradient = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x1, x2, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    const { value, grad1, grad2 } = correlationAndGradient(x1, x2, options.reg, k);
    save([grad1, grad2]);
    return {
      value,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) =>
        saved.map((g) => tf.mul(g, dy as tf.Tensor)),
    };
  }) as (x1: tf.Tensor2D, x2: tf.Tensor2D) => tf.Scalar;
  return withGradient(h1, h2);
}

/** The Deep CCA loss: minus the total canonical correlation (see totalCorrelation). */
export function dccaLoss(h1: tf.Tensor2D, h2: tf.Tensor2D, options: DccaOptions): tf.Scalar {
  return tf.tidy(() => tf.neg(totalCorrelation(h1, h2, options)));
}

/** The objective and its gradient with respect to each view's outputs ([b, d1] and [b, d2]). */
function correlationAndGradient(
  h1: tf.Tensor2D,
  h2: tf.Tensor2D,
  reg: number,
  topK: number,
): { value: tf.Scalar; grad1: tf.Tensor2D; grad2: tf.Tensor2D } {
  return tf.tidy(() => {
    const [b, d1] = h1.shape;
    const d2 = h2.shape[1];
    const a1 = centre(h1);
    const a2 = centre(h2);
    const w1 = newtonSchulzRootsForward(
      ridge(crossCovariance(a1, a1), reg),
      newtonSchulzSteps(ridgeFloor(reg, d1)),
    ).invSqrt;
    const w2 = newtonSchulzRootsForward(
      ridge(crossCovariance(a2, a2), reg),
      newtonSchulzSteps(ridgeFloor(reg, d2)),
    ).invSqrt;
    const t = mm(mm(w1, crossCovariance(a1, a2)), w2);
    const p = polarFactor(t, topK > 0 && topK < Math.min(d1, d2) ? topK : 0);
    const value = tf.sum<tf.Scalar>(tf.mul(p, t)); // tr(Pᵀ T) = Σ of the kept singular values
    const g12 = mm(mm(w1, p), w2);
    const g11 = ridgeAdjusted(tf.mul(mm(mm(w1, mm(p, t, false, true)), w1), -0.5), reg);
    const g22 = ridgeAdjusted(tf.mul(mm(mm(w2, mm(p, t, true, false)), w2), -0.5), reg);
    const scale = 1 / Math.max(b - 1, 1);
    const grad1 = tf.mul(tf.add(tf.mul(mm(a1, g11), 2), mm(a2, g12, false, true)), scale);
    const grad2 = tf.mul(tf.add(tf.mul(mm(a2, g22), 2), mm(a1, g12)), scale);
    // The centring of H is part of the objective: project the gradients onto zero column mean.
    return { value, grad1: centre(grad1 as tf.Tensor2D), grad2: centre(grad2 as tf.Tensor2D) };
  });
}

/**
 * The ridge r · tr(Σ)/d also depends on Σ: a gradient G with respect to the ridged matrix is
 * G + (r/d) tr(G) I with respect to Σ itself. g: [d, d].
 */
function ridgeAdjusted(g: tf.Tensor2D, reg: number): tf.Tensor2D {
  const d = g.shape[0];
  const eye = tf.eye(d);
  return tf.add(g, tf.mul(eye, tf.mul(tf.sum(tf.mul(g, eye)), reg / d)));
}

/**
 * P = U Vᵀ for T = U D Vᵀ (or U_k V_kᵀ with the top k pairs), as T (TᵀT + ε)^−½ — restricted to the
 * top-k right singular subspace V_k when k > 0: T V_k (V_kᵀ TᵀT V_k + ε)^−½ V_kᵀ. t: [d1, d2].
 */
function polarFactor(t: tf.Tensor2D, k: number): tf.Tensor2D {
  return tf.tidy(() => {
    const m = mm(t, t, true, false); // [d2, d2], eigenvalues Dᵢᵢ²
    const regularised = (x: tf.Tensor2D) => tf.add<tf.Tensor2D>(x, tf.mul(tf.eye(x.shape[0]), POLAR_EPS));
    if (k === 0) return mm(t, newtonSchulzRootsForward(regularised(m), POLAR_STEPS).invSqrt);
    const v = topEigenvectors(m, k);
    const inner = regularised(mm(mm(v, m, true, false), v)); // [k, k]
    const root = newtonSchulzRootsForward(inner, POLAR_STEPS).invSqrt;
    return mm(mm(mm(t, v), root), v, false, true);
  });
}

/**
 * Orthonormal basis of the top-k eigenspace of a symmetric PSD matrix, by orthogonal iteration
 * Q ← qr(M⁴ Q) from a fixed start. m: [d, d]. Returns [d, k].
 */
function topEigenvectors(m: tf.Tensor2D, k: number): tf.Tensor2D {
  return tf.tidy(() => {
    const d = m.shape[0];
    // A fixed, full-rank start (the first k columns of a DCT-IV basis): the same on every backend, and
    // in practice never orthogonal to the wanted subspace.
    const start = new Float32Array(d * k);
    for (let i = 0; i < d; i++)
      for (let j = 0; j < k; j++) start[i * k + j] = Math.cos((Math.PI * (i + 0.5) * (j + 0.5)) / d);
    // Each QR (the costly part) applies M⁴: the error shrinks by (λ_{k+1}/λ_k)⁴ = (ρ_{k+1}/ρ_k)⁸ per
    // step. Higher powers would push small correlations below float32's reach beside large ones;
    // a subspace that is slightly off changes the sum only to second order.
    const m2 = mm(m, m);
    const m4 = mm(m2, m2);
    let q = tf.tensor2d(start, [d, k]);
    for (let s = 0; s < SUBSPACE_ITERATIONS; s++) q = tf.linalg.qr(mm(m4, q))[0] as tf.Tensor2D;
    return q;
  });
}
