import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { infoNce } from '../../../src/core/losses/infoNce';
import { normals } from '../../helpers/tensors';

beforeAll(() => useNodeBackend('cpu'));

/** The loss as a number, leaving no tensors behind. */
function loss(x: number[][], y: number[][], scale: number | tf.Scalar): number {
  return tf.tidy(() => infoNce(tf.tensor2d(x), tf.tensor2d(y), scale).arraySync());
}

const I2 = [
  [1, 0],
  [0, 1],
];

describe('infoNce', () => {
  it('matches log(1 + e^−s) for two orthogonal perfect pairs', () => {
    // logits = s·I; each row's softmax picks its diagonal with log-probability s − log(e^s + 1)
    // = −log(1 + e^−s), in both directions: L = log(1 + e^−s).
    expect(loss(I2, I2, 1)).toBeCloseTo(Math.log(1 + Math.exp(-1)), 6); // 0.3132617
    // float32 keeps about 1e−7 of absolute precision here.
    expect(loss(I2, I2, 10)).toBeCloseTo(4.53989e-5, 6);
  });

  it('matches a hand-computed asymmetric 2x2 case', () => {
    // x = I, y = [(1, 0), (0.6, 0.8)] -> S = x yᵀ = [[1, 0.6], [0, 0.8]], s = 1.
    // image->text rows:  1 − log(e + e^0.6) = −0.513015,  0.8 − log(1 + e^0.8) = −0.371101
    // text->image (Sᵀ):  1 − log(e + 1)     = −0.313262,  0.8 − log(e^0.6 + e^0.8) = −0.598139
    // L = −½ (mean(−0.513015, −0.371101) + mean(−0.313262, −0.598139)) = 0.448879
    const y = [
      [1, 0],
      [0.6, 0.8],
    ];
    expect(loss(I2, y, 1)).toBeCloseTo(0.448879, 5);
    // With s = 2 every logit doubles: 0.298736.
    expect(loss(I2, y, 2)).toBeCloseTo(0.298736, 5);
    expect(loss(I2, y, tf.scalar(2))).toBeCloseTo(0.298736, 5);
  });

  it('is symmetric in its two modalities', () => {
    const x = tf.tidy(() => tf.tensor2d(normals(12, 1), [4, 3]));
    const y = tf.tidy(() => tf.tensor2d(normals(12, 2), [4, 3]));
    const a = tf.tidy(() => infoNce(x, y, 3).arraySync());
    const b = tf.tidy(() => infoNce(y, x, 3).arraySync());
    expect(a).toBeCloseTo(b, 5);
    tf.dispose([x, y]);
  });

  it('is log(b) when every code is the same', () => {
    // All logits equal: each softmax is uniform over the batch, −log(1/b) = log 4 = 1.386294.
    const same = [
      [1, 0],
      [1, 0],
      [1, 0],
      [1, 0],
    ];
    expect(loss(same, same, 5)).toBeCloseTo(Math.log(4), 6);
  });

  it('is near 0 for aligned pairs and large for mismatched ones', () => {
    const I3 = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ];
    const shifted = [I3[1], I3[2], I3[0]] as number[][];
    // Aligned: log(1 + 2e^−20) ≈ 4e−9. Mismatched: each true pair scores 0 against a 20: ≈ 20.
    expect(loss(I3, I3, 20)).toBeLessThan(1e-6);
    expect(loss(I3, shifted, 20)).toBeCloseTo(20, 3);
  });

  it('leaves no tensors behind', () => {
    const x = tf.tensor2d(I2);
    const before = tf.memory().numTensors;
    const l = infoNce(x, x, 10);
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose([l, x]);
  });
});
