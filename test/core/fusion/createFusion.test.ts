import { describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend, type NodeBackend } from '../../../src/cli/nodeBackends';
import { createRng } from '../../../src/core/random/rng';
import { ParamStore } from '../../../src/core/models/params';
import { presenceMask } from '../../../src/core/fusion/fusion';
import { FUSIONS, type FusionName } from '../../../src/core/fusion/fusionNames';
import { createFusion, fusionParameterCount } from '../../../src/core/fusion/createFusion';
import { expectClose, normals, values } from '../../helpers/tensors';

const B = 5;

/** Output and weight gradients of Σ fusion(v) ∘ r + penalty on one backend. */
async function run(backend: NodeBackend, name: FusionName, inDims: number[]) {
  await useNodeBackend(backend);
  const before = tf.memory().numTensors;
  const params = new ParamStore();
  const fusion = createFusion(name, params, { inDims, outDim: 6, rank: 3, activation: 'tanh' }, createRng(5));
  const v = inDims.map((d, m) => tf.tensor2d(normals(B * d, 10 + m), [B, d]));
  const present = presenceMask(
    B,
    inDims.length,
    inDims.map((_, m) => m),
  );
  const r = tf.tensor2d(normals(B * 6, 99), [B, 6]);
  const z = tf.tidy(() => fusion.apply(v, present));
  const { value, grads } = tf.variableGrads(
    () => tf.add<tf.Scalar>(tf.sum(tf.mul(fusion.apply(v, present), r)), fusion.penalty()),
    params.variables,
  );
  const out = {
    shape: z.shape,
    count: params.count(),
    declared: fusion.parameterCount,
    z: await values(z),
    grads: await Promise.all(params.variables.map((p) => values(grads[p.name]))),
  };
  tf.dispose([z, value, r, present, ...v, ...Object.values(grads)]);
  params.dispose();
  expect(tf.memory().numTensors).toBe(before);
  return out;
}

describe('every fusion operator', () => {
  for (const name of FUSIONS) {
    it(`${name}: maps [b, d_m] per modality to [b, outDim] and counts its weights`, async () => {
      for (const inDims of [
        [3, 4],
        [2, 3, 4],
      ]) {
        const out = await run('cpu', name, inDims);
        expect(out.shape).toEqual([B, 6]);
        expect(out.count).toBe(out.declared);
        expect(out.count).toBe(fusionParameterCount(name, inDims, 6, 3));
      }
    });

    it(`${name}: trains on WASM with the same values and gradients as on CPU`, async () => {
      const cpu = await run('cpu', name, [3, 4]);
      const wasm = await run('wasm', name, [3, 4]);
      expectClose(wasm.z, cpu.z, 1e-5);
      cpu.grads.forEach((g, i) => {
        expectClose(wasm.grads[i], g, 1e-4);
        expect(g.some((x) => x !== 0)).toBe(true);
      });
    });
  }
});

describe('fusionParameterCount', () => {
  it('grows with the product of the widths for tensor fusion and with their sum for low rank', () => {
    const count = (name: FusionName, d: number) => fusionParameterCount(name, [d, d], 32, 4);
    // Tensor: (d + 1)² · 32 + 32; doubling d roughly quadruples it.
    expect(count('tensor', 32)).toBe(33 * 33 * 32 + 32);
    expect(count('tensor', 64) / count('tensor', 32)).toBeGreaterThan(3.8);
    // Low rank: 4 · 32 · 2(d + 1) + 4 + 32; doubling d roughly doubles it.
    expect(count('lowrank', 32)).toBe(4 * 32 * 66 + 4 + 32);
    expect(count('lowrank', 64) / count('lowrank', 32)).toBeLessThan(2.05);
    expect(count('additive', 32)).toBe(count('concat', 32));
  });
});
