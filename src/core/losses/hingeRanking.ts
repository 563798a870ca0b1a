import { tf } from '../tf';

/**
 * The bidirectional hinge ranking loss of DeViSE (Frome et al. 2013) and VSE (Kiros et al. 2014), and
 * its hardest-negative form VSE++ (Faghri et al. 2018). With cosine similarities S = x yᵀ:
 *   sum:     L = mean_i Σ_{j≠i} ( [m − S_ii + S_ij]₊ + [m − S_ii + S_ji]₊ )
 *   hardest: L = mean_i ( max_{j≠i} [m − S_ii + S_ij]₊ + max_{j≠i} [m − S_ii + S_ji]₊ )
 * A true pair must beat every (or the most confusable) wrong pair by the margin m, in both directions.
 *
 * x, y: [b, d], L2-normalised, rows paired. Returns a scalar.
 */
export function hingeRanking(
  x: tf.Tensor2D,
  y: tf.Tensor2D,
  margin: number,
  negatives: 'sum' | 'hardest',
): tf.Scalar {
  return tf.tidy(() => {
    const b = x.shape[0];
    const s = tf.matMul(x, y, false, true);
    const eye = tf.eye(b);
    const positive = tf.sum(tf.mul(s, eye), 1, true); // [b, 1]: S_ii
    const offDiagonal = tf.sub(1, eye);
    // costI2t[i, j] = [m − S_ii + S_ij]₊ (caption j ranked against image i); costT2i[i, j] = [m − S_jj + S_ij]₊.
    const costI2t = tf.mul(tf.relu(tf.add(tf.sub(margin, positive), s)), offDiagonal);
    const costT2i = tf.mul(tf.relu(tf.add(tf.sub(margin, tf.transpose(positive)), s)), offDiagonal);
    const reduce = negatives === 'sum' ? tf.sum : tf.max;
    return tf.mean<tf.Scalar>(tf.add(reduce(costI2t, 1), reduce(costT2i, 0)));
  });
}
