import { tf } from '../tf';
import { centre, crossCovariance } from '../linalg/covariance';
import { stopGradient } from '../linalg/stopGradient';

/** Keeps the standardisation finite for a feature that does not vary within the batch. */
const VARIANCE_EPS = 1e-5;

/** Options of the soft CCA objective. */
export interface SoftCcaOptions {
  /** Weight λ of the decorrelation penalty. */
  lambda: number;
  /** Weight α of the previous running estimate in Φ = α Φ_prev + (1 − α) C_batch. */
  momentum: number;
  /**
   * The running correlation matrices of the two views so far, [d1, d1] and [d2, d2]. Absent at the
   * start, where the batch's own matrix stands in for them (see `softCca`).
   */
  previous?: readonly [tf.Tensor2D, tf.Tensor2D];
}

export interface SoftCcaResult {
  loss: tf.Scalar;
  /** The updated running correlation matrices Φ₁, Φ₂, to pass as `previous` on the next step. */
  running: [tf.Tensor2D, tf.Tensor2D];
}

/**
 * Soft CCA (Chang, Xiang & Hospedales 2018, "Scalable and effective deep CCA via soft decorrelation").
 * CCA asks for variates of unit variance, uncorrelated within each view, and as correlated as possible
 * across views. Soft CCA keeps the first by batch standardisation, turns the second into a penalty and
 * the third into a distance, so no matrix is ever inverted:
 *   z = (h − mean_b h) / std_b h                           (per feature, over the batch)
 *   L = (1/d) mean_i ‖z₁ᵢ − z₂ᵢ‖²  +  λ (SDL(Φ₁) + SDL(Φ₂))
 *   Φ = α Φ_prev + (1 − α) z̄ᵀz̄/(b − 1)                      (running correlation matrix of each view)
 *   SDL(Φ) = (1/d) Σ_{i≠j} |Φᵢⱼ|                            (soft decorrelation loss)
 * For standardised features (1/d)‖z₁ − z₂‖² averages 2 − 2ρₖ over the features, so the first term is
 * 0 when every feature of one view equals its partner in the other. The running average lets a small
 * batch see the correlations of many; Φ_prev carries no gradient, only the current batch does. At the
 * start the batch's own matrix, held constant, stands in for Φ_prev: Φ has its value, and the first
 * step's gradient has the (1 − α) weight of every later step. (Φ = C_batch with its full gradient
 * makes the first step's penalty gradient 1/(1 − α) = 20× larger, and at 200 steps soft CCA
 * retrieved worse: seen R@1 0.50–0.54 instead of 0.51–0.61 over seeds 2–4.)
 *
 * h1, h2: [b, d], row i of both from pair i. Returns the loss and the new running matrices.
 */
export function softCca(h1: tf.Tensor2D, h2: tf.Tensor2D, options: SoftCcaOptions): SoftCcaResult {
  const { loss, running } = softCcaPairs([h1, h2], [[0, 1]], options);
  return { loss, running: [running[0], running[1]] };
}

/** Options of soft CCA over several views: `previous` holds one running matrix per view, in their order. */
export interface SoftCcaPairsOptions extends Omit<SoftCcaOptions, 'previous'> {
  previous?: readonly tf.Tensor2D[];
}

/**
 * Soft CCA over several views (modalities), summed over the given pairs of them, as Deep CCA is summed
 * over pairs: L = Σ_{(i, j)} [(1/d) mean ‖z_i − z_j‖² + λ (SDL(Φ_i) + SDL(Φ_j))], exactly the sum of
 * the two-view loss of each pair. Each view keeps one running matrix Φ whatever the number of pairs it
 * is in, so a view's decorrelation penalty counts once per pair it belongs to. With the one pair
 * [[0, 1]] this is `softCca`.
 *
 * hs: [b, d] each, row r of every view from item r. pairs: indices into hs. Returns the loss and one new
 * running matrix per view ([d, d], in hs order).
 */
export function softCcaPairs(
  hs: readonly tf.Tensor2D[],
  pairs: readonly (readonly [number, number])[],
  options: SoftCcaPairsOptions,
): { loss: tf.Scalar; running: tf.Tensor2D[] } {
  const d = hs[0].shape[1];
  hs.forEach((h, i) => {
    if (h.shape[1] !== d)
      throw new Error(`softCca: the views must have the same width, got ${d} and ${h.shape[1]} (view ${i})`);
  });
  if (pairs.length === 0) throw new Error('softCca: needs at least one pair of views');
  if (options.previous && options.previous.length !== hs.length)
    throw new Error(`softCca: ${options.previous.length} running matrices for ${hs.length} views`);
  const z = hs.map(standardise);
  const running = z.map((zi, i) => runningCorrelation(zi, options.momentum, options.previous?.[i]));
  const sdl = running.map(softDecorrelation);
  const terms = pairs.map(([i, j]) =>
    tf.tidy(() => {
      const distance = tf.div(tf.mean(tf.sum(tf.square(tf.sub(z[i], z[j])), 1)), d);
      return tf.add<tf.Scalar>(distance, tf.mul(tf.add(sdl[i], sdl[j]), options.lambda));
    }),
  );
  const loss = terms.length === 1 ? terms[0] : tf.addN(terms);
  tf.dispose([...z, ...sdl, ...(terms.length === 1 ? [] : terms)]);
  return { loss, running };
}

/** Per-feature standardisation over the batch (batch normalisation without scale and shift). h: [b, d]. */
export function standardise(h: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const a = centre(h);
    return tf.div(a, tf.sqrt(tf.add(tf.mean(tf.square(a), 0, true), VARIANCE_EPS)));
  });
}

/** SDL(Φ) = (1/d) Σ_{i≠j} |Φᵢⱼ|. phi: [d, d]. Returns a scalar. */
export function softDecorrelation(phi: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const d = phi.shape[0];
    return tf.div<tf.Scalar>(tf.sum(tf.mul(tf.abs(phi), tf.sub(1, tf.eye(d)))), d);
  });
}

function runningCorrelation(z: tf.Tensor2D, momentum: number, previous?: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const batch = crossCovariance(z, z);
    return tf.add(tf.mul(stopGradient(previous ?? batch), momentum), tf.mul(batch, 1 - momentum));
  });
}
