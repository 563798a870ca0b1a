import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tf';
import { useNodeBackend } from '../../src/cli/nodeBackends';
import { resolveConfig, type ExperimentConfig } from '../../src/core/experiment/config';
import { builtInDataset } from '../../src/core/data/datasets';
import type { PairDataset } from '../../src/core/data/pairs';
import type { GapMetrics } from '../../src/core/metrics/gapMetrics';
import { Trainer } from '../../src/training/trainer';

// Small enough that 200 steps take a couple of seconds on a busy CPU, large enough to learn reliably
// (narrower towers or fewer pairs sometimes collapse every code to one point in 150 steps).
const TINY = {
  trainSize: 512,
  evalSize: 64,
  batchSize: 16,
  imageHidden: 64,
  textHidden: 64,
  dim: 16,
  lr: 0.005,
  seed: 2,
};

function tinyConfig(overrides: Record<string, unknown> = {}): ExperimentConfig {
  const { config, errors } = resolveConfig({ ...TINY, ...overrides });
  expect(errors).toEqual([]);
  return config;
}

// Datasets are deterministic and the trainer only reads them: render each one once.
const datasets = new Map<number, PairDataset>();

function tinyTrainer(overrides: Record<string, unknown> = {}): Trainer {
  const config = tinyConfig(overrides);
  let dataset = datasets.get(config.seed);
  if (!dataset) datasets.set(config.seed, (dataset = builtInDataset(config)));
  return new Trainer(config, dataset);
}

async function weights(trainer: Trainer): Promise<Float32Array[]> {
  return Promise.all(trainer.model.params.variables.map(async (v) => Float32Array.from(await v.data())));
}

/** Mean seen-split Recall@1 over both directions. */
const r1 = (m: GapMetrics) => (m.seen.i2t.r1 + m.seen.t2i.r1) / 2;

beforeAll(() => useNodeBackend('wasm'));

describe('Trainer', () => {
  it('repeats a run exactly from the same seed', async () => {
    const runs = [];
    for (let k = 0; k < 2; k++) {
      const trainer = tinyTrainer();
      const probe = await trainer.probeLoss();
      const losses = [(await trainer.train(4)).loss, (await trainer.train(4)).loss];
      const evaluation = await trainer.evaluate();
      runs.push({ probe, losses, metrics: evaluation.metrics, image: evaluation.image, step: trainer.step });
      trainer.dispose();
    }
    const [a, b] = runs as [(typeof runs)[0], (typeof runs)[0]];
    expect(a.step).toBe(8);
    expect(a.losses.every(Number.isFinite)).toBe(true);
    expect(b.probe).toBe(a.probe);
    expect(b.losses).toEqual(a.losses);
    expect(b.metrics).toEqual(a.metrics);
    expect(b.image).toEqual(a.image);

    const other = tinyTrainer({ seed: 4 });
    expect((await other.train(4)).loss).not.toBe(a.losses[0]);
    other.dispose();
  });

  it('probeLoss is deterministic and changes neither weights nor batches', async () => {
    const a = tinyTrainer();
    const b = tinyTrainer();
    const before = await weights(a);
    const probe = await a.probeLoss();
    expect(await a.probeLoss()).toBe(probe);
    expect(Number.isFinite(probe)).toBe(true);
    expect(await weights(a)).toEqual(before);
    expect(a.step).toBe(0);
    // The probe draws no batch: a trainer that probed trains exactly like one that did not.
    expect((await a.train(3)).loss).toBe((await b.train(3)).loss);
    a.dispose();
    b.dispose();
  });

  it('holds the same number of tensors after 200 steps as after 1, and frees them all', async () => {
    const start = tf.memory().numTensors;
    const trainer = tinyTrainer();
    await trainer.train(1);
    const afterOne = tf.memory().numTensors;
    const chunk = await trainer.train(199);
    expect(chunk.step).toBe(200);
    expect(tf.memory().numTensors).toBe(afterOne);
    await trainer.evaluate();
    await trainer.probeLoss();
    expect(tf.memory().numTensors).toBe(afterOne);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('stops on a non-finite loss, restores the weights and keeps reporting why', async () => {
    const start = tf.memory().numTensors;
    const config = tinyConfig();
    const dataset = builtInDataset(config);
    const trainer = new Trainer(config, dataset);
    await trainer.train(3);
    const good = await weights(trainer);
    // NaN pixels make every image code, and so the loss, NaN.
    const pixels = dataset.train.images.slice();
    dataset.train.images.fill(NaN);
    const failed = await trainer.train(4);
    expect(Number.isNaN(failed.loss)).toBe(true);
    expect(failed.stopped).toMatch(/^Training diverged: the loss became NaN/);
    expect(failed.stopped).toMatch(/restored to step 3/);
    expect(failed.stopped).toMatch(/lower learning rate \(now 0\.005\)/);
    expect(failed.step).toBe(3);
    expect(trainer.step).toBe(3);
    expect(trainer.stopped).toBe(failed.stopped);
    expect(await weights(trainer)).toEqual(good);

    // Further calls do nothing but repeat the reason.
    const again = await trainer.train(2);
    expect(again.stopped).toBe(failed.stopped);
    expect(again.step).toBe(3);
    expect(await weights(trainer)).toEqual(good);

    // With clean data again, a cleared stop resumes from the restored weights.
    dataset.train.images.set(pixels);
    trainer.clearStop();
    const resumed = await trainer.train(2);
    expect(resumed.stopped).toBeUndefined();
    expect(Number.isFinite(resumed.loss)).toBe(true);
    expect(resumed.step).toBe(5);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('rejects a step count that is not a positive whole number, instead of calling it divergence', async () => {
    const trainer = tinyTrainer();
    for (const steps of [0, -1, 1.5, NaN]) await expect(trainer.train(steps)).rejects.toThrow(RangeError);
    expect(trainer.stopped).toBeUndefined();
    expect(trainer.step).toBe(0);
    trainer.dispose();
  });

  it('refuses a model the backend cannot train, with the reason', () => {
    expect(() => tinyTrainer({ imageEncoder: 'cnn' })).toThrow(/cnn-portable/);
  });

  it('closes the gap in a short run: alignment and Recall@1 improve', async () => {
    const trainer = tinyTrainer();
    const initial = (await trainer.evaluate()).metrics;
    const probeBefore = await trainer.probeLoss();
    const chunk = await trainer.train(150);
    const final = (await trainer.evaluate()).metrics;
    expect(await trainer.probeLoss()).toBeLessThan(probeBefore);
    // Random towers leave true pairs far apart (alignment = 2 − 2·cos, about 2 for unrelated codes).
    expect(initial.alignment).toBeGreaterThan(1);
    expect(Number.isFinite(chunk.loss)).toBe(true);
    expect(final.alignment).toBeLessThan(initial.alignment - 0.8);
    expect(final.pairCosine).toBeGreaterThan(initial.pairCosine + 0.4);
    expect(r1(final)).toBeGreaterThan(r1(initial) + 0.1);
    trainer.dispose();
  });
});
