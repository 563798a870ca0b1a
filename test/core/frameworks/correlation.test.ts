import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { resolveConfig, type ExperimentConfig } from '../../../src/core/experiment/config';
import { builtInDataset } from '../../../src/core/data/datasets';
import type { PairDataset } from '../../../src/core/data/pairs';
import { createRng } from '../../../src/core/random/rng';
import { Trainer } from '../../../src/training/trainer';
import { correlation, type CorrelationEvaluation } from '../../../src/core/frameworks/correlation';
import type { CcaSummary } from '../../../src/core/metrics/cca';

/** An answer that says why it has no result, in words matching `why`. */
const problem = (why: RegExp): { problem: unknown } => ({ problem: expect.stringMatching(why) });

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

function config(overrides: Record<string, unknown> = {}): ExperimentConfig {
  const { config, errors } = resolveConfig({ ...TINY, ...overrides });
  expect(errors).toEqual([]);
  return config;
}

let dataset: PairDataset;
const trainer = (overrides: Record<string, unknown> = {}) => new Trainer(config(overrides), dataset);

describe('correlation framework', () => {
  beforeAll(async () => {
    await useNodeBackend('cpu');
    dataset = builtInDataset(config());
  });

  it('is registered with dcca as its default loss and softcca beside it', () => {
    expect(resolveConfig({ framework: 'correlation' }).config.loss).toBe('dcca');
    expect(resolveConfig({ framework: 'correlation', loss: 'softcca' }).errors).toEqual([]);
    expect(resolveConfig({ framework: 'correlation', loss: 'infonce' }).errors[0]).toMatch(/dcca, softcca/);
  });

  it('refuses a DCCA batch no larger than the embedding, with the reason', () => {
    expect(correlation.unsupported(config({ batchSize: 8 }), 'cpu')).toMatch(/more pairs per batch/);
    expect(correlation.unsupported(config({ batchSize: 8, loss: 'softcca' }), 'cpu')).toBeNull();
    expect(correlation.unsupported(config(), 'wasm')).toBeNull();
    expect(() => trainer({ batchSize: 8 })).toThrow(/batch has 8 pairs for 8 dimensions/);
  });

  for (const loss of ['dcca', 'softcca']) {
    it(`${loss}: the gradient reaches every weight of both towers`, () => {
      const t = trainer({ loss });
      const batch = t.nextBatch();
      const { value, grads } = tf.variableGrads(() => t.model.loss(batch, createRng(0)));
      const names = t.model.params.variables.map((v) => v.name);
      expect(names.some((n) => n.startsWith('image/proj'))).toBe(true);
      expect(names.some((n) => n.startsWith('text/proj'))).toBe(true);
      for (const v of t.model.params.variables) {
        const g = grads[v.name];
        expect(g, v.name).toBeDefined();
        expect(tf.norm(g).arraySync() as number, v.name).toBeGreaterThan(0);
      }
      tf.dispose([value, ...Object.values(grads)]);
      t.dispose();
    });

    it(`${loss}: holds a constant number of tensors across steps and evaluations`, async () => {
      const start = tf.memory().numTensors;
      const t = trainer({ loss });
      await t.train(1);
      await t.evaluate();
      const afterOne = tf.memory().numTensors;
      await t.train(3);
      await t.evaluate();
      await t.evaluate();
      expect(tf.memory().numTensors).toBe(afterOne);
      t.dispose();
      expect(tf.memory().numTensors).toBe(start);
    });
  }

  it('embeds both modalities as unit vectors of the embedding size', async () => {
    const t = trainer();
    for (const step of [0, 2]) {
      if (step) await t.train(step);
      const codes = tf.tidy(() => {
        const { image, text } = t.model.embed(t.nextBatch());
        return [image, text];
      });
      for (const c of codes) {
        expect(c.shape).toEqual([32, 8]);
        const norms = await tf.tidy(() => tf.norm(c, 'euclidean', 1)).data();
        norms.forEach((n) => expect(n).toBeCloseTo(1, 5));
      }
      tf.dispose(codes);
    }
    t.dispose();
  });

  it('evaluates the canonical correlations, variates and CKA as plain data', async () => {
    const t = trainer({ ccaTopK: 3 });
    const { extra } = await t.evaluate();
    expect(extra.framework).toBe('correlation');
    const { cca, cka } = extra as CorrelationEvaluation;
    const summary = cca as CcaSummary;
    expect(summary.correlations).toHaveLength(3);
    expect(summary.total).toBeCloseTo(
      summary.correlations.reduce((a, b) => a + b, 0),
      10,
    );
    summary.correlations.forEach((r, i) => {
      expect(r).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThanOrEqual(i === 0 ? 1 : summary.correlations[i - 1]);
    });
    for (const view of [summary.variates!.x, summary.variates!.y]) {
      expect(view.map((c) => c.length)).toEqual([10, 10]);
    }
    expect(cka).toBeGreaterThan(0);
    expect(cka).toBeLessThanOrEqual(1);
    expect(JSON.parse(JSON.stringify(extra))).toEqual(extra);
    t.dispose();
  });

  it('measures linear CCA on the raw features, constant across training, and the towers’ own gap', async () => {
    const t = trainer({ ccaTopK: 5 });
    const before = (await t.evaluate()).extra as CorrelationEvaluation;
    const raw = before.rawCca as CcaSummary;
    expect(raw.correlations).toHaveLength(5);
    expect(raw.total).toBeGreaterThan(0);
    expect(raw.total).toBeLessThanOrEqual(5);
    expect(before.towerGap).toBeGreaterThanOrEqual(0);
    expect(before.towerGap).toBeLessThanOrEqual(2);
    await t.train(3);
    const after = (await t.evaluate()).extra as CorrelationEvaluation;
    expect(after.rawCca).toEqual(raw);
    expect(after.towerGap).not.toBe(before.towerGap);
    t.dispose();
  });

  it('says why, instead of reporting 1s, when there are fewer evaluation pairs than dimensions', async () => {
    const t = new Trainer(
      config({ dim: 24, evalSize: 16, batchSize: 48 }),
      builtInDataset(config({ evalSize: 16 })),
    );
    const { extra } = await t.evaluate();
    expect((extra as unknown as CorrelationEvaluation).cca).toEqual(problem(/more pairs than dimensions/));
    t.dispose();
  });

  for (const loss of ['dcca', 'softcca']) {
    it(`${loss}: training raises the evaluation set's total canonical correlation`, async () => {
      const t = trainer({ loss });
      const before = ((await t.evaluate()).extra as unknown as CorrelationEvaluation).cca as CcaSummary;
      const chunk = await t.train(40);
      expect(chunk.stopped).toBeUndefined();
      const after = ((await t.evaluate()).extra as unknown as CorrelationEvaluation).cca as CcaSummary;
      expect(after.total).toBeGreaterThan(before.total + 0.5);
      t.dispose();
    });
  }
});
