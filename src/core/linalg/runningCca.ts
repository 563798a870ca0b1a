import { tf } from '../tf';
import { matMul } from '../models/matMul';
import { centre, crossCovariance, ridge, ridgeFloor } from './covariance';
import { inverseSqrt, sqrtPsd } from './newtonSchulz';

/** Codes of two views in a common space, before L2 normalisation. Each [b, d]. */
export interface CanonicalCodes {
  image: tf.Tensor2D;
  text: tf.Tensor2D;
}

/**
 * Exponential moving averages, over training batches, of each view's mean μ and covariance Σ and of
 * their cross-covariance Σ₁₂; and the linear CCA readout they define, which maps the raw outputs of two
 * towers into one space where a pair's codes point the same way.
 *
 * Why a readout is needed: CCA objectives only constrain correlations, which an invertible linear map of
 * either view leaves unchanged, so raw tower outputs live in unrelated bases. With W = (Σ + ridge)^−½
 * and T = W₁ Σ₁₂ W₂ = U S Vᵀ (S: canonical correlations), the readout is
 *   image: (h₁ − μ₁) W₁ T          = (canonical variates of h₁) · S · Vᵀ
 *   text:  (h₂ − μ₂) W₂ (TᵀT)^½    = (canonical variates of h₂) · S · Vᵀ
 * Both views become their canonical variates, weighted by how well each pair of variates correlates
 * (so directions the other modality cannot predict are muted), in one rotated basis Vᵀ, which cosines
 * ignore. All of it is matMul and Newton–Schulz, so it runs in TF.js without reading values back.
 */
export class RunningCca {
  private readonly mean1: tf.Variable;
  private readonly mean2: tf.Variable;
  private readonly cov11: tf.Variable;
  private readonly cov22: tf.Variable;
  private readonly cov12: tf.Variable;
  private updates = 0;

  constructor(
    d1: number,
    d2: number,
    /** Weight of the old estimate in each update, e.g. 0.95: about the last 20 batches count. */
    readonly momentum: number,
    /** Relative ridge of the covariances (see linalg/covariance.ts). */
    readonly reg: number,
  ) {
    const v = (shape: number[]) => tf.variable(tf.zeros(shape), false);
    this.mean1 = v([1, d1]);
    this.mean2 = v([1, d2]);
    this.cov11 = v([d1, d1]);
    this.cov22 = v([d2, d2]);
    this.cov12 = v([d1, d2]);
  }

  /** Whether any batch has been seen; until then `readout` passes the outputs through. */
  get ready(): boolean {
    return this.updates > 0;
  }

  /**
   * Folds one batch's statistics into the averages (the first batch replaces the zeros). A batch whose
   * statistics are not finite is skipped, so one bad step cannot poison the readout. Records no gradient
   * path: safe to call inside a loss. h1: [b, d1], h2: [b, d2].
   */
  update(h1: tf.Tensor2D, h2: tf.Tensor2D): void {
    const alpha = this.updates === 0 ? 0 : this.momentum;
    tf.tidy(() => {
      const a1 = centre(h1);
      const a2 = centre(h2);
      const fresh: [tf.Variable, tf.Tensor][] = [
        [this.mean1, tf.mean(h1, 0, true)],
        [this.mean2, tf.mean(h2, 0, true)],
        [this.cov11, crossCovariance(a1, a1)],
        [this.cov22, crossCovariance(a2, a2)],
        [this.cov12, crossCovariance(a1, a2)],
      ];
      const finite = allFinite(fresh.map(([, t]) => t));
      for (const [variable, value] of fresh) {
        variable.assign(
          tf.where(finite, tf.add(tf.mul(variable, alpha), tf.mul(value, 1 - alpha)), variable),
        );
      }
    });
    this.updates++;
  }

  /** The canonical readout of raw outputs (see the class comment). h1: [b, d1], h2: [b, d2]. */
  readout(h1: tf.Tensor2D, h2: tf.Tensor2D): CanonicalCodes {
    if (!this.ready) return { image: tf.clone(h1), text: tf.clone(h2) };
    return tf.tidy(() => {
      const d1 = h1.shape[1];
      const d2 = h2.shape[1];
      const w1 = inverseSqrt(ridge(this.cov11 as tf.Tensor2D, this.reg), ridgeFloor(this.reg, d1));
      const w2 = inverseSqrt(ridge(this.cov22 as tf.Tensor2D, this.reg), ridgeFloor(this.reg, d2));
      const t = matMul(matMul(w1, this.cov12 as tf.Tensor2D), w2);
      const weight2 = sqrtPsd(matMul(tf.transpose(t), t));
      return {
        image: matMul(matMul(tf.sub(h1, this.mean1) as tf.Tensor2D, w1), t),
        text: matMul(matMul(tf.sub(h2, this.mean2) as tf.Tensor2D, w2), weight2),
      };
    });
  }

  dispose(): void {
    tf.dispose([this.mean1, this.mean2, this.cov11, this.cov22, this.cov12]);
  }
}

/** A boolean scalar: true when every element of every tensor is finite. */
export function allFinite(tensors: tf.Tensor[]): tf.Tensor {
  return tf.tidy(() => tf.all(tf.stack(tensors.map((t) => tf.all(tf.isFinite(t))))));
}
