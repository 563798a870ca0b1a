import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { createRng } from '../../../src/core/random/rng';
import { ParamStore } from '../../../src/core/models/params';
import { createConcatFusion } from '../../../src/core/fusion/concat';
import { presenceMask } from '../../../src/core/fusion/fusion';
import { expectClose, values } from '../../helpers/tensors';
import { assignAll } from './helpers';

beforeAll(() => useNodeBackend('cpu'));

describe('createConcatFusion', () => {
  it('computes f(W [v_img; v_txt] + b), an absent modality a block of zeros', async () => {
    const params = new ParamStore();
    const fusion = createConcatFusion(
      params,
      { inDims: [2, 1], outDim: 1, rank: 1, activation: 'linear' },
      createRng(1),
    );
    expect(fusion.parameterCount).toBe(3 + 1);
    expect(fusion.outDim).toBe(1);
    assignAll(params, [[1, 2, 3], [0.5]]);
    const v = [tf.tensor2d([[1, 1]]), tf.tensor2d([[2]])];
    const both = tf.tidy(() => fusion.apply(v));
    const imageOnly = tf.tidy(() => fusion.apply(v, presenceMask(1, 2, [0])));
    // 1 + 2 + 3·2 + 0.5; without the caption there is no rescaling: 1 + 2 + 0.5.
    expectClose(await values(both), [9.5]);
    expectClose(await values(imageOnly), [3.5]);
    const p = tf.tidy(() => fusion.penalty());
    expectClose(await values(p), [14]);
    tf.dispose([both, imageOnly, p, ...v]);
    params.dispose();
  });
});
