import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { createRng } from '../../../src/core/random/rng';
import { ParamStore } from '../../../src/core/models/params';
import { createTensorFusion, tensorProduct } from '../../../src/core/fusion/tensor';
import { presenceMask } from '../../../src/core/fusion/fusion';
import { expectClose, values } from '../../helpers/tensors';
import { assignAll } from './helpers';

beforeAll(() => useNodeBackend('cpu'));

describe('tensorProduct', () => {
  it('holds both unimodal vectors, their pairwise products and the constant 1', async () => {
    // [2, 3, 1] ⊗ [5, 1] = [2·5, 2·1, 3·5, 3·1, 1·5, 1·1].
    const t = tf.tidy(() => tensorProduct([tf.tensor2d([[2, 3]]), tf.tensor2d([[5]])]));
    expect(t.shape).toEqual([1, 6]);
    const z = await values(t);
    expectClose(z, [10, 2, 15, 3, 5, 1]);
    // Entry i · (d_2 + 1) + d_2 is v_1[i]; the last block is [v_2; 1].
    expectClose([z[1], z[3]], [2, 3]);
    expectClose([z[4], z[5]], [5, 1]);
    t.dispose();
  });

  it('extends to three modalities, [v1;1] ⊗ [v2;1] ⊗ [v3;1]', async () => {
    const t = tf.tidy(() => tensorProduct([tf.tensor2d([[2]]), tf.tensor2d([[3]]), tf.tensor2d([[5]])]));
    // Row-major over (i, j, k), the last modality fastest.
    expectClose(await values(t), [30, 6, 10, 2, 15, 3, 5, 1]);
    t.dispose();
  });

  it('works row by row', async () => {
    const t = tf.tidy(() => tensorProduct([tf.tensor2d([[1], [2]]), tf.tensor2d([[3], [4]])]));
    expectClose(await values(t), [3, 1, 3, 1, 8, 2, 4, 1]);
    t.dispose();
  });
});

describe('createTensorFusion', () => {
  it('applies one dense layer to the flattened outer product', async () => {
    const params = new ParamStore();
    const fusion = createTensorFusion(
      params,
      { inDims: [2, 1], outDim: 1, rank: 1, activation: 'linear' },
      createRng(1),
    );
    expect(fusion.parameterCount).toBe(3 * 2 * 1 + 1);
    expect(params.count()).toBe(fusion.parameterCount);
    // W · [10, 2, 15, 3, 5, 1] + b with W = [1, 0, 0, 0, 0, 0] picks the product v1[0]·v2[0].
    assignAll(params, [[1, 0, 0, 0, 0, 0], [0.5]]);
    const z = tf.tidy(() => fusion.apply([tf.tensor2d([[2, 3]]), tf.tensor2d([[5]])]));
    expectClose(await values(z), [10.5]);
    z.dispose();
    params.dispose();
  });

  it('reads an absent modality as zeros, leaving its unimodal terms and the constant', async () => {
    const params = new ParamStore();
    const fusion = createTensorFusion(
      params,
      { inDims: [2, 1], outDim: 1, rank: 1, activation: 'linear' },
      createRng(1),
    );
    assignAll(params, [[1, 2, 3, 4, 5, 6], [0]]);
    const z = tf.tidy(() =>
      fusion.apply([tf.tensor2d([[2, 3]]), tf.tensor2d([[99]])], presenceMask(1, 2, [0])),
    );
    // [2, 3, 1] ⊗ [0, 1] = [0, 2, 0, 3, 0, 1]: 2·2 + 4·3 + 6·1.
    expectClose(await values(z), [22]);
    z.dispose();
    params.dispose();
  });
});
