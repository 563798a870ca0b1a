import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { bowCrossEntropy, downsampleFlat, meanSquaredError } from '../../../src/core/losses/reconstruction';
import { expectClose, values } from '../../helpers/tensors';

beforeAll(() => useNodeBackend('cpu'));

describe('reconstruction losses', () => {
  it('mean squared error over every entry', async () => {
    const l = tf.tidy(() =>
      meanSquaredError(
        tf.tensor2d([
          [1, 2],
          [3, 4],
        ]),
        tf.tensor2d([
          [1, 0],
          [0, 4],
        ]),
      ),
    );
    expectClose(await values(l), [(4 + 9) / 4]);
    l.dispose();
  });

  it('bag-of-words cross-entropy is the mean negative log-likelihood per caption word', async () => {
    // Uniform logits over 4 words: −Σ bow log(1/4) = log 4 whatever the bag.
    const l = tf.tidy(() =>
      bowCrossEntropy(
        tf.zeros([2, 4]),
        tf.tensor2d([
          [0.5, 0.5, 0, 0],
          [0, 0, 0, 1],
        ]),
      ),
    );
    expectClose(await values(l), [Math.log(4)]);
    l.dispose();
  });

  it('downsamples by block means, keeping channels apart', async () => {
    // One 2x2 RGB image: channel c of pixel p is 10·p + c.
    const img = tf.tensor4d(
      Array.from({ length: 12 }, (_, i) => 10 * Math.floor(i / 3) + (i % 3)),
      [1, 2, 2, 3],
    );
    const d = tf.tidy(() => downsampleFlat(img, 2));
    expect(d.shape).toEqual([1, 3]);
    expectClose(await values(d), [15, 16, 17]);
    expect(() => downsampleFlat(img, 3)).toThrow(/does not divide/);
    tf.dispose([img, d]);
  });
});
