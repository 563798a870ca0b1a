import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/core/tf';
import { useNodeBackend } from '../../src/cli/nodeBackends';
import { resolveConfig, type ExperimentConfig } from '../../src/core/experiment/config';
import { builtInDataset } from '../../src/core/data/datasets';
import type { PairDataset } from '../../src/core/data/pairs';
import type { ModelState } from '../../src/core/frameworks/framework';
import { modelArchive, readModelFiles, type ModelWeights } from '../../src/core/export/modelFile';
import { Trainer, type Evaluation } from '../../src/training/trainer';
import { applyWeights, exportWeights, STATE_PREFIX } from '../../src/training/weightsIo';

// The correlation framework keeps state besides its weights: soft CCA's running correlation matrices
// and the CCA readout fitted on recent training pairs (core/frameworks/correlationState.ts).
const TINY = {
  framework: 'correlation',
  trainSize: 256,
  evalSize: 64,
  batchSize: 32,
  imageHidden: 16,
  textHidden: 16,
  dim: 8,
  lr: 0.005,
  seed: 3,
  ccaScatterPoints: 10,
};
const LOSSES = ['dcca', 'softcca'] as const;

function config(overrides: Record<string, unknown> = {}): ExperimentConfig {
  const { config, errors } = resolveConfig({ ...TINY, ...overrides });
  expect(errors).toEqual([]);
  return config;
}

let dataset: PairDataset;
const trainer = (loss: string) => new Trainer(config({ loss }), dataset);

/** The state's tensors as plain numbers, by name. */
function stateValues(state: ModelState | undefined): Record<string, number[][]> {
  const { tensors } = state!.checkpoint();
  const values = Object.fromEntries(
    Object.entries(tensors).map(([k, t]) => [k, t.arraySync() as number[][]]),
  );
  tf.dispose(Object.values(tensors));
  return values;
}

/** What an evaluation reports, codes included. */
const measured = (e: Evaluation) => ({
  step: e.step,
  image: e.image,
  text: e.text,
  metrics: e.metrics,
  extra: e.extra,
});

/** Weights as a user would keep them: zipped to a file and read back. */
const throughFile = (w: ModelWeights) => readModelFiles([{ name: 'model.zip', bytes: modelArchive(w) }]);

beforeAll(async () => {
  await useNodeBackend('cpu');
  dataset = builtInDataset(config());
});

describe('the correlation model’s state', () => {
  for (const loss of LOSSES) {
    it(`${loss}: the app (probe, then evaluate) and the runner (evaluate, then probe) measure the same`, async () => {
      const app = trainer(loss);
      await app.probeLoss();
      const appFirst = measured(await app.evaluate());
      await app.train(5);
      const appLater = measured(await app.evaluate());
      app.dispose();

      const runner = trainer(loss);
      const runnerFirst = measured(await runner.evaluate());
      await runner.probeLoss();
      await runner.train(5);
      const runnerLater = measured(await runner.evaluate());
      runner.dispose();

      expect(appFirst).toEqual(runnerFirst);
      expect(appLater).toEqual(runnerLater);
      expect(appLater.step).toBe(5);
      // Not trivially equal: training moved the codes.
      expect(appLater.image).not.toEqual(appFirst.image);
    });

    it(`${loss}: the probe changes no state; a step does`, async () => {
      const t = trainer(loss);
      expect(stateValues(t.model.state)).toEqual({});
      await t.probeLoss();
      expect(stateValues(t.model.state)).toEqual({});
      await t.train(2);
      const evaluated = measured(await t.evaluate());
      const trained = stateValues(t.model.state);
      // dcca keeps the readout only; softcca also its running matrices.
      expect(Object.keys(trained).filter((k) => k.startsWith('phi/'))).toHaveLength(
        loss === 'softcca' ? 2 : 0,
      );
      expect(Object.keys(trained).filter((k) => k.startsWith('readout/'))).toHaveLength(4);
      await t.probeLoss();
      expect(stateValues(t.model.state)).toEqual(trained);
      expect(measured(await t.evaluate())).toEqual(evaluated);
      t.dispose();
    });

    it(`${loss}: saved and loaded weights give the same next evaluation, state included`, async () => {
      const saved = trainer(loss);
      await saved.train(6);
      const weights = throughFile(await exportWeights(saved, 6, 'shapes'));
      const before = measured(await saved.evaluate());
      const state = stateValues(saved.model.state);
      saved.dispose();
      expect(weights.specs.filter((s) => s.name.startsWith(STATE_PREFIX)).map((s) => s.name)).toEqual([
        ...(loss === 'softcca' ? ['state/phi/image', 'state/phi/text'] : []),
        'state/readout/mean/image',
        'state/readout/mean/text',
        'state/readout/project/image',
        'state/readout/project/text',
      ]);

      const loaded = trainer(loss);
      await loaded.probeLoss(); // as the app does after loading
      applyWeights(loaded, weights);
      expect(stateValues(loaded.model.state)).toEqual(state);
      expect({ ...measured(await loaded.evaluate()), step: 6 }).toEqual(before);
      // It trains on from there, refitting the readout on its own pairs.
      const chunk = await loaded.train(2);
      expect(chunk.stopped).toBeUndefined();
      await loaded.evaluate();
      expect(stateValues(loaded.model.state)).not.toEqual(state);
      loaded.dispose();
    });
  }

  it('loads a file saved before models kept state, with a fresh state', async () => {
    const saved = trainer('softcca');
    await saved.train(3);
    const full = await exportWeights(saved, 3, 'shapes');
    saved.dispose();
    // Drop the state's entries, as an older version wrote the file.
    const keep = full.specs.map((s) => !s.name.startsWith(STATE_PREFIX));
    const floats = new Float32Array(full.data);
    const parts: number[] = [];
    let offset = 0;
    full.specs.forEach((s, i) => {
      const n = s.shape.reduce((a, b) => a * b, 1);
      if (keep[i]) parts.push(...floats.subarray(offset, offset + n));
      offset += n;
    });
    const old = throughFile({
      ...full,
      specs: full.specs.filter((_, i) => keep[i]),
      data: Float32Array.from(parts).buffer,
    });
    expect(old.specs.length).toBeLessThan(full.specs.length);

    const loaded = trainer('softcca');
    await loaded.train(1); // state to be replaced
    applyWeights(loaded, old);
    expect(stateValues(loaded.model.state)).toEqual({});
    expect((await loaded.train(1)).stopped).toBeUndefined();
    loaded.dispose();
  });

  it('refuses a state that does not fit, leaving the model untouched', async () => {
    const saved = trainer('softcca');
    await saved.train(2);
    const weights = await exportWeights(saved, 2, 'shapes');
    saved.dispose();
    const wide = { ...weights, specs: weights.specs.map((s) => ({ ...s })) };
    // Same byte count, wrong shape: phi/image claims 4 x 16 instead of 8 x 8.
    wide.specs.find((s) => s.name === 'state/phi/image')!.shape = [4, 16];
    const other = trainer('softcca');
    const before = stateValues(other.model.state);
    const firstWeight = Array.from(other.model.params.variables[0].dataSync());
    expect(() => applyWeights(other, wide)).toThrow(
      /saved correlation state does not fit this model: phi\/image is 4x16, the model needs 8x8/,
    );
    expect(stateValues(other.model.state)).toEqual(before);
    expect(Array.from(other.model.params.variables[0].dataSync())).toEqual(firstWeight);

    const coordinated = new Trainer(config({ framework: 'coordinated', loss: 'infonce' }), dataset);
    expect(() => applyWeights(coordinated, weights)).toThrow(/weights do not fit this model/);
    coordinated.dispose();
    other.dispose();
  });

  for (const loss of LOSSES) {
    it(`${loss}: a diverged chunk rolls the state back with the weights`, async () => {
      const t = trainer(loss);
      await t.train(3);
      const good = measured(await t.evaluate());
      const checkpoint = stateValues(t.model.state);
      // Two good steps change the state; the third's loss is NaN, and so is everything after it.
      const model = t.model;
      const original = model.loss.bind(model);
      let calls = 0;
      model.loss = (batch, rng) => {
        const value = original(batch, rng);
        return ++calls >= 3 ? tf.mul<tf.Scalar>(value, NaN) : value;
      };
      const failed = await t.train(4);
      expect(failed.stopped).toMatch(/^Training diverged/);
      expect(calls).toBe(4);
      expect(stateValues(t.model.state)).toEqual(checkpoint);
      expect(measured(await t.evaluate())).toEqual(good);
      t.dispose();
    });

    it(`${loss}: holds a constant number of tensors across probes, steps, checkpoints and saves`, async () => {
      const start = tf.memory().numTensors;
      const t = trainer(loss);
      await t.probeLoss();
      await t.train(1);
      await t.evaluate();
      const afterOne = tf.memory().numTensors;
      for (let k = 0; k < 3; k++) {
        await t.probeLoss();
        await t.train(2);
        await t.evaluate();
        applyWeights(t, await exportWeights(t, t.step, 'shapes'));
        expect(tf.memory().numTensors).toBe(afterOne);
      }
      t.dispose();
      expect(tf.memory().numTensors).toBe(start);
    });
  }
});
