import { afterEach, describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { batchImageScratch } from '../../../src/core/wasm/batchScratch';
import { resolveConfig } from '../../../src/core/experiment/config';
import { builtInDataset } from '../../../src/core/data/datasets';
import { Trainer } from '../../../src/training/trainer';

afterEach(async () => {
  await useNodeBackend('wasm');
});

describe('batchImageScratch', () => {
  it('keeps one array on wasm, whose tensors are copies, and none on cpu (whose tensors keep the array)', async () => {
    await useNodeBackend('wasm');
    const a = batchImageScratch(6);
    expect(a).toBeInstanceOf(Float32Array);
    expect(batchImageScratch(6)).toBe(a);
    expect(batchImageScratch(12)).toHaveLength(12);
    const scratch = batchImageScratch(6)!;
    scratch.set([1, 2, 3, 4, 5, 6]);
    const t = tf.tensor2d(scratch, [2, 3]);
    scratch.fill(0); // the next batch overwrites it
    expect(Array.from(await t.data())).toEqual([1, 2, 3, 4, 5, 6]);
    t.dispose();
    await useNodeBackend('cpu');
    expect(batchImageScratch(6)).toBeUndefined();
  });

  it('gives each training step its own images on wasm: consecutive batches differ and match cpu’s', async () => {
    const { config } = resolveConfig({ framework: 'coordinated', trainSize: 256, evalSize: 64 });
    const firstTwo = async () => {
      const trainer = new Trainer(config, builtInDataset(config));
      try {
        const read = async () => {
          const images = tf.tidy(() => trainer.nextBatch().imagesFlat());
          const values = await images.data();
          images.dispose();
          return values;
        };
        return [await read(), await read()];
      } finally {
        trainer.dispose();
      }
    };
    await useNodeBackend('cpu');
    const cpu = await firstTwo();
    await useNodeBackend('wasm');
    const wasm = await firstTwo();
    expect(Array.from(wasm[0])).toEqual(Array.from(cpu[0]));
    expect(Array.from(wasm[1])).toEqual(Array.from(cpu[1]));
    expect(Array.from(wasm[1])).not.toEqual(Array.from(wasm[0]));
  });
});
