import { tf } from '../tf';
import { matMul } from '../models/matMul';
import { centre, crossCovariance, ridge, ridgeFloor } from './covariance';
import { inverseSqrt, sqrtPsd } from './newtonSchulz';

/**
 * The linear CCA readout of two towers: maps their raw outputs into one space where a pair's codes
 * point the same way. Fitted on a sample of pairs; holds its tensors until disposed.
 *
 * Why a readout is needed: CCA objectives only constrain correlations, which an invertible linear map of
 * either view leaves unchanged, so raw tower outputs live in unrelated bases. With W = (Σ + ridge)^−½ and
 * T = W₁ Σ₁₂ W₂ = U S Vᵀ (S: the canonical correlations), the readout is
 *   image: (h₁ − μ₁) W₁ T          = (canonical variates of h₁) · S · Vᵀ
 *   text:  (h₂ − μ₂) W₂ (TᵀT)^½    = (canonical variates of h₂) · S · Vᵀ
 * Both views become their canonical variates, weighted by how well each pair of variates correlates
 * (directions the other modality cannot predict are muted; unweighted, whitened variates retrieve far
 * worse), in one rotated basis Vᵀ, which cosines ignore. All of it is matMul and Newton–Schulz, so it
 * runs in TF.js without reading values back.
 */
export class CcaReadout {
  private constructor(
    /** [1, d1] and [1, d2]. */
    private readonly mean1: tf.Tensor2D,
    private readonly mean2: tf.Tensor2D,
    /** W₁ T, [d1, d2]. */
    private readonly project1: tf.Tensor2D,
    /** W₂ (TᵀT)^½, [d2, d2]. */
    private readonly project2: tf.Tensor2D,
  ) {}

  /**
   * Fits the readout to paired outputs h1: [n, d1], h2: [n, d2] (n > d1, d2), with the relative ridge
   * `reg` of linalg/covariance.ts. The result's tensors are kept out of any enclosing tf.tidy.
   */
  static fit(h1: tf.Tensor2D, h2: tf.Tensor2D, reg: number): CcaReadout {
    const [mean1, mean2, project1, project2] = tf.tidy(() => {
      const [d1, d2] = [h1.shape[1], h2.shape[1]];
      const a1 = centre(h1);
      const a2 = centre(h2);
      const w1 = inverseSqrt(ridge(crossCovariance(a1, a1), reg), ridgeFloor(reg, d1));
      const w2 = inverseSqrt(ridge(crossCovariance(a2, a2), reg), ridgeFloor(reg, d2));
      const t = matMul(matMul(w1, crossCovariance(a1, a2)), w2);
      return [
        tf.mean(h1, 0, true),
        tf.mean(h2, 0, true),
        matMul(w1, t),
        matMul(w2, sqrtPsd(matMul(tf.transpose(t), t))),
      ] as tf.Tensor2D[];
    });
    return new CcaReadout(tf.keep(mean1), tf.keep(mean2), tf.keep(project1), tf.keep(project2));
  }

  /** A readout from the tensors `tensors()` gave (which it takes over): a saved or checkpointed one. */
  static fromTensors([mean1, mean2, project1, project2]: tf.Tensor2D[]): CcaReadout {
    if (!mean1 || !mean2 || !project1 || !project2) throw new Error('CcaReadout.fromTensors needs 4 tensors');
    return new CcaReadout(mean1, mean2, project1, project2);
  }

  /** Its tensors, still its own: [mean1 [1, d1], mean2 [1, d2], project1 [d1, d2], project2 [d2, d2]]. */
  tensors(): tf.Tensor2D[] {
    return [this.mean1, this.mean2, this.project1, this.project2];
  }

  /** Codes of raw outputs h1: [b, d1] and h2: [b, d2], each [b, d2], not yet normalised. */
  apply(h1: tf.Tensor2D, h2: tf.Tensor2D): { image: tf.Tensor2D; text: tf.Tensor2D } {
    return tf.tidy(() => ({
      image: matMul(tf.sub(h1, this.mean1), this.project1),
      text: matMul(tf.sub(h2, this.mean2), this.project2),
    }));
  }

  dispose(): void {
    tf.dispose([this.mean1, this.mean2, this.project1, this.project2]);
  }
}

/** A boolean scalar: true when every element of every tensor is finite. */
export function allFinite(tensors: tf.Tensor[]): tf.Tensor {
  return tf.tidy(() => tf.all(tf.stack(tensors.map((t) => tf.all(tf.isFinite(t))))));
}
