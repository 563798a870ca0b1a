import { afterEach, describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { resolveConfig, type ExperimentConfig } from '../../../src/core/experiment/config';
import { builtInDataset } from '../../../src/core/data/datasets';
import { Trainer } from '../../../src/training/trainer';
import { FusedAdam } from '../../../src/core/gpu/fusedAdam';
import { wasmKernelOptions, wasmKernels } from '../../../src/core/wasm/wasmKernels';

afterEach(() => {
  wasmKernelOptions.enabled = true;
});

/** The default coordinated model (786k of its 809k weights in the image layer), fewer pairs. */
function config(): ExperimentConfig {
  const { config, errors } = resolveConfig({ framework: 'coordinated', trainSize: 256, evalSize: 64 });
  expect(errors).toEqual([]);
  return config;
}

/** Weights, Adam's moments and the losses after `steps` steps, with or without the WASM kernels. */
async function train(kernels: boolean, steps: number) {
  wasmKernelOptions.enabled = kernels;
  const c = config();
  const trainer = new Trainer(c, builtInDataset(c));
  try {
    const losses: number[] = [];
    const before = tf.memory().numTensors;
    for (let s = 0; s < steps; s += 5) {
      losses.push((await trainer.train(5)).loss);
      // Adam creates its moments on the first step; after that nothing may accumulate.
      if (s === 0) expect(tf.memory().numTensors).toBeGreaterThan(before);
    }
    const afterFirst = tf.memory().numTensors;
    await trainer.train(5);
    expect(tf.memory().numTensors).toBe(afterFirst);
    const weights = await Promise.all(trainer.model.params.variables.map((v) => v.data()));
    const moments = await Promise.all(
      (await trainer.adam.getWeights()).map(async (w) => ({ name: w.name, values: await w.tensor.data() })),
    );
    return { losses, weights, moments };
  } finally {
    trainer.dispose();
  }
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

describe('training with the WASM kernels', () => {
  it('gives the weights, moments and losses of plain TF.js after 20 steps of the default model', async () => {
    await useNodeBackend('wasm');
    expect(wasmKernels()).not.toBeNull();
    const plain = await train(false, 20);
    const fast = await train(true, 20);
    expect(fast.losses).toHaveLength(4);
    fast.losses.forEach((l, i) => expect(l).toBeCloseTo(plain.losses[i], 5));
    fast.weights.forEach((w, i) => expect(maxDifference(w, plain.weights[i])).toBeLessThan(1e-5));
    // Variable names carry a global counter ('image/fc/w_8/m'): compare them without it.
    const names = (ms: { name: string }[]) => ms.map((m) => m.name.replace(/_\d+\//, '/'));
    expect(names(fast.moments)).toEqual(names(plain.moments));
    expect(names(fast.moments)).toContain('image/fc/w/v');
    fast.moments.forEach((m, i) =>
      expect(maxDifference(m.values, plain.moments[i].values)).toBeLessThan(1e-5),
    );
    // Training did move the weights (a test of equality between two runs that do nothing cannot fail).
    expect(plain.losses[3]).toBeLessThan(plain.losses[0]);
  });

  it("takes one Adam step as tf.train.adam's formula gives it, tail elements included", async () => {
    await useNodeBackend('wasm');
    // Five elements: one SIMD vector and one element of the scalar tail.
    const w = tf.variable(tf.tensor1d([1, -2, 0.5, 3, -1]), true, 'adamProbe');
    const g = tf.tensor1d([0.5, -0.25, 2, 0, 1]);
    const adam = new FusedAdam(0.1);
    for (let step = 1; step <= 2; step++) adam.applyGradients([{ name: 'adamProbe', tensor: g }]);
    // Hand-computed with β1 = 0.9, β2 = 0.999, ε = 1e-7: after two steps with the same g,
    // m = g·(1 − 0.9²), v = g²·(1 − 0.999²), so m̂ = g and v̂ = g², and each step moved w by −0.1·g/(|g| + ε).
    const expected = [1, -2, 0.5, 3, -1].map((w0, i) => {
      const gi = [0.5, -0.25, 2, 0, 1][i];
      return gi === 0 ? w0 : w0 - 0.2 * Math.sign(gi);
    });
    const got = await w.data();
    got.forEach((x, i) => expect(x).toBeCloseTo(expected[i], 5));
    expect(adam.iterations).toBe(2);
    tf.dispose([w, g]);
    adam.dispose();
  });
});
