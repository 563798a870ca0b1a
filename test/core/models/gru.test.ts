import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { createRng } from '../../../src/core/random/rng';
import { ParamStore } from '../../../src/core/models/params';
import { createGru } from '../../../src/core/models/gru';
import { expectClose, normals, values } from '../../helpers/tensors';

beforeAll(() => useNodeBackend('cpu'));

describe('createGru', () => {
  it('steps [b, in] and [b, H] to [b, H] with in·3H + H·3H + 3H weights', () => {
    const params = new ParamStore();
    const gru = createGru(params, 'g', 5, 4, createRng(1));
    expect(gru.hidden).toBe(4);
    expect(params.count()).toBe(5 * 12 + 4 * 12 + 12);
    const h = tf.tidy(() => gru.step(tf.tensor2d(normals(15, 2), [3, 5]), tf.zeros([3, 4])));
    expect(h.shape).toEqual([3, 4]);
    // h' = (1 − z) n + z h with n = tanh(.) and h = 0: |h'| < 1.
    expect(Math.max(...h.dataSync().map(Math.abs))).toBeLessThan(1);
    h.dispose();
    params.dispose();
  });

  it('matches a hand-computed one-unit step', async () => {
    const params = new ParamStore();
    const gru = createGru(params, 'g', 1, 1, createRng(1));
    const [W, U, b] = params.variables as [tf.Variable, tf.Variable, tf.Variable];
    // Gates in the order z, r, n. W = [ln 3, 0, 0.5], U = [0, 0, 1], b = 0; x = 1, h = 0.5:
    //   z = σ(ln 3) = 0.75,  r = σ(0) = 0.5,  n = tanh(0.5 + r · (0.5 · 1)) = tanh(0.75) = 0.635149
    //   h' = (1 − z) n + z h = 0.25 · 0.635149 + 0.375 = 0.533787
    tf.tidy(() => {
      W.assign(tf.tensor2d([[Math.log(3), 0, 0.5]]));
      U.assign(tf.tensor2d([[0, 0, 1]]));
      b.assign(tf.zeros([3]));
    });
    const h = tf.tidy(() => gru.step(tf.tensor2d([[1]]), tf.tensor2d([[0.5]])));
    expectClose(await values(h), [0.25 * Math.tanh(0.75) + 0.375], 1e-6);
    // A bias on r: r = σ(ln 3) = 0.75, n = tanh(0.5 + 0.375): h' = 0.25 tanh(0.875) + 0.375 = 0.549213
    tf.tidy(() => b.assign(tf.tensor1d([0, Math.log(3), 0])));
    const h2 = tf.tidy(() => gru.step(tf.tensor2d([[1]]), tf.tensor2d([[0.5]])));
    expectClose(await values(h2), [0.25 * Math.tanh(0.875) + 0.375], 1e-6);
    tf.dispose([h, h2]);
    params.dispose();
  });
});
