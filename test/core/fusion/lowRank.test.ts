import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { createRng } from '../../../src/core/random/rng';
import { ParamStore } from '../../../src/core/models/params';
import { createLowRankFusion } from '../../../src/core/fusion/lowRank';
import { createTensorFusion } from '../../../src/core/fusion/tensor';
import { expectClose, normals, values } from '../../helpers/tensors';
import { assignAll } from './helpers';

beforeAll(() => useNodeBackend('cpu'));

describe('createLowRankFusion', () => {
  it('with rank 1 computes λ (W_img [v_img; 1]) ∘ (W_txt [v_txt; 1]) + b by hand', async () => {
    const params = new ParamStore();
    const fusion = createLowRankFusion(
      params,
      { inDims: [2, 1], outDim: 1, rank: 1, activation: 'linear' },
      createRng(1),
    );
    // W_img [3, 1], W_txt [2, 1], λ [1], b [1].
    expect(fusion.parameterCount).toBe(3 + 2 + 1 + 1);
    expect(params.count()).toBe(fusion.parameterCount);
    assignAll(params, [[1, 2, 3], [4, 5], [2], [0.25]]);
    const z = tf.tidy(() => fusion.apply([tf.tensor2d([[1, 2]]), tf.tensor2d([[3]])]));
    // [1, 2, 1]·[1, 2, 3] = 8; [3, 1]·[4, 5] = 17; 2 · 8 · 17 + 0.25.
    expectClose(await values(z), [272.25]);
    // Variational trace norm: ½ |λ| (‖W_img‖² + ‖W_txt‖²) = ½ · 2 · (14 + 41).
    const p = tf.tidy(() => fusion.penalty());
    expectClose(await values(p), [55]);
    tf.dispose([z, p]);
    params.dispose();
  });

  it('equals tensor fusion with the weight tensor its factors make', async () => {
    const [dI, dT, out, rank, b] = [3, 2, 4, 2, 5];
    const lowParams = new ParamStore();
    const low = createLowRankFusion(
      lowParams,
      { inDims: [dI, dT], outDim: out, rank, activation: 'tanh' },
      createRng(3),
    );
    const [A, B, lambda] = await Promise.all(lowParams.variables.slice(0, 3).map((v) => values(v)));
    // W[(i, j), k] = Σ_r λ_r A[i, r·out + k] B[j, r·out + k].
    const W = new Float32Array((dI + 1) * (dT + 1) * out);
    for (let i = 0; i <= dI; i++)
      for (let j = 0; j <= dT; j++)
        for (let k = 0; k < out; k++)
          for (let r = 0; r < rank; r++)
            W[(i * (dT + 1) + j) * out + k] +=
              lambda[r] * A[i * rank * out + r * out + k] * B[j * rank * out + r * out + k];
    const fullParams = new ParamStore();
    const full = createTensorFusion(
      fullParams,
      { inDims: [dI, dT], outDim: out, rank, activation: 'tanh' },
      createRng(3),
    );
    assignAll(fullParams, [Array.from(W), new Array(out).fill(0)]);
    const v = [tf.tensor2d(normals(b * dI, 1), [b, dI]), tf.tensor2d(normals(b * dT, 2), [b, dT])];
    const zLow = tf.tidy(() => low.apply(v));
    const zFull = tf.tidy(() => full.apply(v));
    expect(zLow.shape).toEqual([b, out]);
    expectClose(await values(zLow), await values(zFull), 1e-5);
    tf.dispose([zLow, zFull, ...v]);
    lowParams.dispose();
    fullParams.dispose();
  });

  it('rejects a rank below 1', () => {
    const params = new ParamStore();
    expect(() =>
      createLowRankFusion(params, { inDims: [2, 2], outDim: 2, rank: 0, activation: 'tanh' }, createRng(1)),
    ).toThrow(/rank must be ≥ 1/);
    params.dispose();
  });
});
