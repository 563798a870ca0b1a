import { describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend, type NodeBackend } from '../../../src/cli/nodeBackends';
import { matMul } from '../../../src/core/models/matMul';
import { expectClose, normals } from '../../helpers/tensors';

const [B, IN, OUT] = [7, 5, 3];
const X = normals(B * IN, 1);
const W = normals(IN * OUT, 2);
const R = normals(B * OUT, 3);

/** Reference in float64: y = x w, and for L = Σ y ∘ r: dx = r wᵀ, dw = xᵀ r. */
function reference(): { y: number[]; dx: number[]; dw: number[] } {
  const y = new Array<number>(B * OUT).fill(0);
  const dx = new Array<number>(B * IN).fill(0);
  const dw = new Array<number>(IN * OUT).fill(0);
  for (let b = 0; b < B; b++)
    for (let i = 0; i < IN; i++)
      for (let o = 0; o < OUT; o++) {
        y[b * OUT + o] += X[b * IN + i] * W[i * OUT + o];
        dx[b * IN + i] += R[b * OUT + o] * W[i * OUT + o];
        dw[i * OUT + o] += X[b * IN + i] * R[b * OUT + o];
      }
  return { y, dx, dw };
}

/** Value of x w and the gradients of Σ (x w) ∘ r, computed with `product` on `backend`. */
async function run(backend: NodeBackend, product: (x: tf.Tensor2D, w: tf.Tensor2D) => tf.Tensor2D) {
  await useNodeBackend(backend);
  const before = tf.memory().numTensors;
  const x = tf.tensor2d(X, [B, IN]);
  const w = tf.tensor2d(W, [IN, OUT]);
  const r = tf.tensor2d(R, [B, OUT]);
  const y = tf.tidy(() => product(x, w));
  const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
    tf.sum(tf.mul(product(a as tf.Tensor2D, b as tf.Tensor2D), r)),
  )([x, w]);
  const out = { y: await y.data(), dx: await dx.data(), dw: await dw.data() };
  tf.dispose([x, w, r, y, dx, dw]);
  expect(tf.memory().numTensors).toBe(before);
  return out;
}

describe('matMul', () => {
  const ref = reference();

  for (const backend of ['cpu', 'wasm'] as const) {
    it(`gives the values and gradients of x w on '${backend}'`, async () => {
      const got = await run(backend, matMul);
      expect(tf.getBackend()).toBe(backend);
      expectClose(got.y, ref.y, 1e-4);
      expectClose(got.dx, ref.dx, 1e-4);
      expectClose(got.dw, ref.dw, 1e-4);
    });
  }

  it("computes only the gradients something needs on 'wasm' (no input gradient for a data input)", async () => {
    await useNodeBackend('wasm');
    const x = tf.tensor2d(X, [B, IN]);
    const w = tf.variable(tf.tensor2d(W, [IN, OUT]));
    const r = tf.tensor2d(R, [B, OUT]);
    let dw: Float32Array | null = null;
    const profile = await tf.profile(async () => {
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(matMul(x, w), r)), [w]);
      dw = (await grads[w.name].data()) as Float32Array;
      tf.dispose([value, ...Object.values(grads)]);
    });
    // xᵀ for dw is the only transpose: wᵀ and dy wᵀ (the input gradient) are never computed.
    const transposes = profile.kernels.filter((k) => k.name === 'Transpose').map((k) => k.inputShapes[0]);
    expect(transposes).toEqual([[B, IN]]);
    expectClose(Array.from(dw!), ref.dw, 1e-4);
    tf.dispose([x, w, r]);
  });

  it("agrees with tf.matMul's built-in gradient on 'wasm' and on 'cpu'", async () => {
    const cpu = await run('cpu', (x, w) => tf.matMul(x, w));
    const wasm = await run('wasm', matMul);
    expectClose(wasm.y, cpu.y, 1e-4);
    expectClose(wasm.dx, cpu.dx, 1e-4);
    expectClose(wasm.dw, cpu.dw, 1e-4);
  });
});
