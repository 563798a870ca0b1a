import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { attributeCrossEntropy, attributePredictions } from '../../../src/core/losses/attributeLoss';
import { expectClose, values } from '../../helpers/tensors';

beforeAll(() => useNodeBackend('cpu'));

describe('attributeCrossEntropy', () => {
  it('averages each attribute’s softmax cross-entropy, attributes weighted equally', async () => {
    // Attribute 0 has 2 values, attribute 1 has 3. Row 0: labels (1, 0); row 1: (0, 2).
    const logits = tf.tensor2d([
      [0, Math.log(3), 0, 0, 0],
      [0, 0, 1, 2, 3],
    ]);
    const labels = tf.tensor2d(
      [
        [1, 0],
        [0, 2],
      ],
      [2, 2],
      'int32',
    );
    const loss = attributeCrossEntropy(logits, labels, [2, 3]);
    // Attribute 0: −log(3/4) and −log(1/2); attribute 1: −log(1/3) and −log(e³ / (e + e² + e³)).
    const a0 = (-Math.log(3 / 4) - Math.log(1 / 2)) / 2;
    const a1 = (Math.log(3) - Math.log(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)))) / 2;
    expectClose(await values(loss), [(a0 + a1) / 2]);
    const predicted = attributePredictions(logits, [2, 3]);
    expect(Array.from(await predicted.data())).toEqual([1, 0, 0, 2]);
    tf.dispose([logits, labels, loss, predicted]);
  });
});
