import { tf } from '../tf';
import { matMul } from '../models/matMul';
import { stopGradient } from './stopGradient';

/** The square root and inverse square root of a symmetric positive (semi)definite matrix. */
export interface MatrixRoots {
  /** A^½, [d, d]. */
  sqrt: tf.Tensor2D;
  /** A^−½, [d, d]; only meaningful when A is positive definite. */
  invSqrt: tf.Tensor2D;
}

/**
 * How many Newton–Schulz steps reach float32 accuracy when the smallest eigenvalue of A/‖A‖_F is at least
 * `floor`. A small eigenvalue μ grows by about 9/4 per step until it nears 1, then converges
 * quadratically (about five more steps).
 */
export function newtonSchulzSteps(floor: number): number {
  const growth = Math.log(1 / Math.max(floor, 1e-12)) / Math.log(9 / 4);
  return Math.min(Math.ceil(Math.max(growth, 0)) + 6, 40);
}

/**
 * The coupled Newton–Schulz iteration for the matrix square root (Higham, "Functions of Matrices" 2008,
 * eq. 6.35). With c = ‖A‖_F, every eigenvalue of A/c lies in [0, 1], where the iteration converges:
 *   Y₀ = A / c,  Z₀ = I,  Tₖ = (3I − Zₖ Yₖ) / 2,  Yₖ₊₁ = Yₖ Tₖ,  Zₖ₊₁ = Tₖ Zₖ
 *   Yₖ → (A/c)^½,  Zₖ → (A/c)^−½,  so  A^½ = √c · Y,  A^−½ = Z / √c.
 *
 * Why this and not an eigendecomposition: TF.js has none, and this needs only matMul and elementwise ops,
 * which have gradients on every backend (WASM included), so a loss built on it trains end to end.
 * An eigenvalue that has not converged after `steps` is underestimated (its root is too small, its inverse
 * root too small too), never overshot: the result stays finite whatever the conditioning.
 *
 * c is treated as a constant by the gradient: at convergence the result does not depend on it, and the
 * norm's own gradient is undefined at A = 0.
 *
 * a: [d, d], symmetric positive semidefinite.
 */
export function newtonSchulzRoots(a: tf.Tensor2D, steps: number): MatrixRoots {
  return tf.tidy(() => {
    const d = a.shape[0];
    const eye = tf.eye(d);
    const c = stopGradient<tf.Scalar>(tf.maximum(tf.norm(a), 1e-30));
    let y = tf.div<tf.Tensor2D>(a, c);
    let z = eye;
    for (let k = 0; k < steps; k++) {
      const t = tf.mul<tf.Tensor2D>(tf.sub(tf.mul(eye, 3), matMul(z, y)), 0.5);
      y = matMul(y, t);
      z = matMul(t, z);
    }
    const root = tf.sqrt(c);
    return { sqrt: tf.mul<tf.Tensor2D>(y, root), invSqrt: tf.div<tf.Tensor2D>(z, root) };
  });
}

/** A^−½ of a symmetric positive definite matrix whose smallest eigenvalue is ≥ floor · ‖A‖_F. a: [d, d]. */
export function inverseSqrt(a: tf.Tensor2D, floor: number): tf.Tensor2D {
  return tf.tidy(() => newtonSchulzRoots(a, newtonSchulzSteps(floor)).invSqrt);
}

/** A^½ of a symmetric positive semidefinite matrix. a: [d, d]. */
export function sqrtPsd(a: tf.Tensor2D, steps = newtonSchulzSteps(1e-6)): tf.Tensor2D {
  return tf.tidy(() => newtonSchulzRoots(a, steps).sqrt);
}
