import { describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend, type NodeBackend } from '../../../src/cli/nodeBackends';
import { createRng } from '../../../src/core/random/rng';
import { ParamStore } from '../../../src/core/models/params';
import { avgPool2, createConv } from '../../../src/core/models/conv';
import { expectClose, normals, values } from '../../helpers/tensors';

const [B, H, W, CIN, COUT] = [2, 5, 6, 3, 4];
const X = normals(B * H * W * CIN, 1);
const R = normals(B * H * W * COUT, 2);

/** Output, and gradients of Σ conv(x) ∘ r with respect to x, kernel and bias, of one conv form. */
async function run(backend: NodeBackend, portable: boolean) {
  await useNodeBackend(backend);
  const before = tf.memory().numTensors;
  const params = new ParamStore();
  const conv = createConv(params, 'c', CIN, COUT, createRng(7), portable);
  // A non-zero bias, so its gradient path and broadcast are exercised too.
  tf.tidy(() => params.variables[1].assign(tf.tensor1d([0.1, -0.2, 0.3, -0.4])));
  const x = tf.tensor4d(X, [B, H, W, CIN]);
  const r = tf.tensor4d(R, [B, H, W, COUT]);
  const y = tf.tidy(() => conv.apply(x));
  expect(y.shape).toEqual([B, H, W, COUT]);
  const [dx] = tf.grads((a: tf.Tensor) => tf.sum(tf.mul(conv.apply(a as tf.Tensor4D), r)))([x]);
  const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(conv.apply(x), r)), params.variables);
  const [kernel, bias] = params.variables as [tf.Variable, tf.Variable];
  const out = {
    kernel: await values(kernel),
    y: await values(y),
    dx: await values(dx),
    dk: await values(grads[kernel.name]),
    db: await values(grads[bias.name]),
  };
  tf.dispose([x, r, y, dx, value, ...Object.values(grads)]);
  params.dispose();
  expect(tf.memory().numTensors).toBe(before);
  return out;
}

describe("createConv: 'portable' im2col against tf.conv2d", () => {
  it('initialises the same kernel from the same seed', async () => {
    const a = await run('cpu', true);
    const b = await run('cpu', false);
    expect(a.kernel).toEqual(b.kernel);
  });

  it('computes the same outputs and gradients on cpu', async () => {
    const portable = await run('cpu', true);
    const builtIn = await run('cpu', false);
    expectClose(portable.y, builtIn.y, 1e-4);
    expectClose(portable.dx, builtIn.dx, 1e-4);
    expectClose(portable.dk, builtIn.dk, 1e-4);
    expectClose(portable.db, builtIn.db, 1e-4);
    // The bias gradient is Σ r over batch and pixels, per channel.
    const db = [0, 0, 0, 0];
    R.forEach((v, i) => (db[i % COUT] += v));
    expectClose(builtIn.db, db, 1e-4);
  });

  it("trains on 'wasm' and matches cpu's conv2d", async () => {
    const builtIn = await run('cpu', false);
    const portable = await run('wasm', true);
    expectClose(portable.y, builtIn.y, 1e-4);
    expectClose(portable.dx, builtIn.dx, 1e-4);
    expectClose(portable.dk, builtIn.dk, 1e-4);
    expectClose(portable.db, builtIn.db, 1e-4);
  });

  it('matches a hand-computed 1-channel case', async () => {
    await useNodeBackend('cpu');
    const params = new ParamStore();
    const conv = createConv(params, 'c', 1, 1, createRng(1), true);
    // A kernel of ones sums each 3x3 neighbourhood (zero padding outside). For the 2x2 image
    // [[1, 2], [3, 4]] every neighbourhood covers the whole image: 10 everywhere.
    tf.tidy(() => params.variables[0].assign(tf.ones([3, 3, 1, 1])));
    const y = tf.tidy(() => conv.apply(tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1])));
    expectClose(await values(y), [10, 10, 10, 10]);
    y.dispose();
    params.dispose();
  });
});

describe('avgPool2', () => {
  it('averages 2x2 blocks per channel', async () => {
    await useNodeBackend('cpu');
    // One 2x4 image, 2 channels: channel 0 holds 1..8 row-major, channel 1 holds 10·(1..8).
    // Blocks: (1 + 2 + 5 + 6)/4 = 3.5, (3 + 4 + 7 + 8)/4 = 5.5; channel 1 ×10.
    const data = [1, 2, 3, 4, 5, 6, 7, 8].flatMap((v) => [v, 10 * v]);
    const x = tf.tensor4d(data, [1, 2, 4, 2]);
    const y = tf.tidy(() => avgPool2(x));
    expect(y.shape).toEqual([1, 1, 2, 2]);
    expectClose(await values(y), [3.5, 35, 5.5, 55]);
    // Each input contributes a quarter to exactly one output.
    const dx = tf.grad((a: tf.Tensor) => tf.sum(avgPool2(a as tf.Tensor4D)))(x);
    expectClose(await values(dx), new Array(16).fill(0.25));
    tf.dispose([x, y, dx]);
  });
});
