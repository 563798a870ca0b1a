import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { createRng } from '../../../src/core/random/rng';
import { ParamStore } from '../../../src/core/models/params';
import { createFusion, fusionParameterCount } from '../../../src/core/fusion/createFusion';
import { presenceMask } from '../../../src/core/fusion/fusion';
import { FUSIONS } from '../../../src/core/fusion/fusionNames';
import { subsetDropoutMask } from '../../../src/core/fusion/modalityDropout';
import { expectClose, values } from '../../helpers/tensors';
import { assignAll } from './helpers';

beforeAll(() => useNodeBackend('cpu'));

/** Language, vision and acoustic widths of the three-way fusion (Zadeh et al. 2017's z_l, z_v, z_a). */
const IN_DIMS = [2, 3, 1];
const OUT = 2;

describe('fusion of three modalities', () => {
  it('has the output shape and weight count of its formula', () => {
    // tensor: (2+1)(3+1)(1+1) = 24 inputs, 24·2 + 2 = 50. low rank r = 2: 2·2·(3+4+2) + 2 + 2 = 40.
    // concat and additive: (2+3+1)·2 + 2 = 14.
    const expected = { tensor: 50, lowrank: 40, concat: 14, additive: 14 } as const;
    for (const name of FUSIONS) {
      const params = new ParamStore();
      const fusion = createFusion(
        name,
        params,
        { inDims: IN_DIMS, outDim: OUT, rank: 2, activation: 'linear' },
        createRng(1),
      );
      expect(fusion.parameterCount, name).toBe(expected[name]);
      expect(params.count(), name).toBe(expected[name]);
      expect(fusionParameterCount(name, IN_DIMS, OUT, 2), name).toBe(expected[name]);
      const z = tf.tidy(() =>
        fusion.apply([tf.ones<tf.Rank.R2>([5, 2]), tf.ones<tf.Rank.R2>([5, 3]), tf.ones<tf.Rank.R2>([5, 1])]),
      );
      expect(z.shape, name).toEqual([5, OUT]);
      z.dispose();
      params.dispose();
    }
  });

  it('tensor fusion sees the trimodal product, and an absent modality only as its missing terms', async () => {
    const params = new ParamStore();
    const fusion = createFusion(
      'tensor',
      params,
      { inDims: [1, 1, 1], outDim: 1, rank: 1, activation: 'linear' },
      createRng(1),
    );
    expect(fusion.parameterCount).toBe(8 + 1);
    // [2;1] ⊗ [3;1] ⊗ [5;1] = [30, 6, 10, 2, 15, 3, 5, 1]: W picks the trimodal term 2·3·5 and the constant.
    assignAll(params, [[1, 0, 0, 0, 0, 0, 0, 1], [0.5]]);
    const v = () => [tf.tensor2d([[2]]), tf.tensor2d([[3]]), tf.tensor2d([[5]])];
    const all = tf.tidy(() => fusion.apply(v()));
    expectClose(await values(all), [31.5]);
    // Without the sound, [2, 1] ⊗ [3, 1] ⊗ [0, 1]: the trimodal term is 0, the constant stays.
    const noSound = tf.tidy(() => fusion.apply(v(), presenceMask(1, 3, [0, 1])));
    expectClose(await values(noSound), [1.5]);
    tf.dispose([all, noSound]);
    params.dispose();
  });
});

describe('subsetDropoutMask', () => {
  it('keeps a non-empty proper subset in the rows it drops, each of the six about equally often', () => {
    const rows = 6000;
    const mask = subsetDropoutMask(rows, 3, 0.5, createRng(4));
    const counts = new Map<string, number>();
    for (let r = 0; r < rows; r++) {
      const kept = [0, 1, 2].filter((m) => mask[r * 3 + m] === 1).join('');
      counts.set(kept, (counts.get(kept) ?? 0) + 1);
    }
    expect(counts.has('')).toBe(false);
    const full = counts.get('012') ?? 0;
    expect(full).toBeGreaterThan(2800);
    expect(full).toBeLessThan(3200);
    for (const subset of ['0', '1', '2', '01', '02', '12']) {
      // Each of the six: about 3000 / 6 = 500 rows.
      expect(counts.get(subset) ?? 0, subset).toBeGreaterThan(400);
      expect(counts.get(subset) ?? 0, subset).toBeLessThan(600);
    }
    expect([...subsetDropoutMask(10, 3, 0, createRng(4))].every((x) => x === 1)).toBe(true);
  });
});
