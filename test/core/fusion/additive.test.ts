import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { createRng } from '../../../src/core/random/rng';
import { ParamStore } from '../../../src/core/models/params';
import { createAdditiveFusion } from '../../../src/core/fusion/additive';
import { expectClose, values } from '../../helpers/tensors';
import { assignAll } from './helpers';

beforeAll(() => useNodeBackend('cpu'));

/** W_img = [[1, 2], [3, 4]], W_txt = [[5, 6]], b = [0.5, -0.5]. */
function handMade(activation: 'linear' | 'tanh') {
  const params = new ParamStore();
  const fusion = createAdditiveFusion(
    params,
    { inDims: [2, 1], outDim: 2, rank: 1, activation },
    createRng(1),
  );
  assignAll(params, [
    [1, 2, 3, 4],
    [5, 6],
    [0.5, -0.5],
  ]);
  return { params, fusion };
}

const V_IMG = [[1, -1]];
const V_TXT = [[2]];

describe('createAdditiveFusion', () => {
  it('computes f(W_img v_img + W_txt v_txt + b) by hand', async () => {
    const { params, fusion } = handMade('tanh');
    expect(fusion.parameterCount).toBe(2 * 2 + 1 * 2 + 2);
    expect(params.count()).toBe(fusion.parameterCount);
    // v_img W_img = [1 − 3, 2 − 4] = [−2, −2]; v_txt W_txt = [10, 12]; + b = [8.5, 9.5].
    const z = tf.tidy(() => fusion.apply([tf.tensor2d(V_IMG), tf.tensor2d(V_TXT)]));
    expectClose(await values(z), [Math.tanh(8.5), Math.tanh(9.5)]);
    z.dispose();
    params.dispose();
  });

  it('rescales the present modalities by M / present, like inverted dropout', async () => {
    const { params, fusion } = handMade('linear');
    const present = tf.tensor2d([
      [1, 1],
      [1, 0],
      [0, 1],
    ]);
    const z = tf.tidy(() =>
      fusion.apply(
        [tf.tensor2d([...V_IMG, ...V_IMG, ...V_IMG]), tf.tensor2d([...V_TXT, ...V_TXT, ...V_TXT])],
        present,
      ),
    );
    // Both: [8.5, 9.5]; image alone: 2·[−2, −2] + b; caption alone: 2·[10, 12] + b.
    expectClose(await values(z), [8.5, 9.5, -3.5, -4.5, 20.5, 23.5]);
    tf.dispose([z, present]);
    params.dispose();
  });

  it('penalises Σ_m ‖W_m‖_F²', async () => {
    const { params, fusion } = handMade('linear');
    const p = tf.tidy(() => fusion.penalty());
    expectClose(await values(p), [1 + 4 + 9 + 16 + 25 + 36]);
    p.dispose();
    params.dispose();
  });
});
