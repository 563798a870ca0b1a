import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { createRng } from '../../../src/core/random/rng';
import { resolveConfig, type ExperimentConfig } from '../../../src/core/experiment/config';
import { generateShapeCaptions } from '../../../src/core/data/shapes/shapeCaptions';
import { TensorBatch, gatherBatch } from '../../../src/core/data/batch';
import { FUSIONS } from '../../../src/core/fusion/fusionNames';
import { fusionParameterCount } from '../../../src/core/fusion/createFusion';
import { isJointModel } from '../../../src/core/frameworks/joint';
import {
  NOISE_LEVELS,
  WORD_DROP_LEVELS,
  type JointEvaluation,
} from '../../../src/core/frameworks/joint/evaluate';
import { Trainer } from '../../../src/training/trainer';
import { values } from '../../helpers/tensors';

const DATA = generateShapeCaptions({ seed: 3, trainSize: 96, evalSize: 40 });

/** A small joint experiment, fast enough for unit tests. */
function smallConfig(settings: Record<string, unknown> = {}): ExperimentConfig {
  const { config, errors } = resolveConfig({
    framework: 'joint',
    batchSize: 16,
    imageHidden: 16,
    textHidden: 16,
    dim: 8,
    modalityDim: 4,
    fusionRank: 2,
    unimodalReconWeight: 0.5,
    traceNormWeight: 0.01,
    ...settings,
  });
  expect(errors).toEqual([]);
  return config;
}

/** The L2 norm of each named variable's gradient of the loss on one batch. */
async function gradientNorms(trainer: Trainer): Promise<Map<string, number>> {
  const batch = trainer.nextBatch();
  const { value, grads } = tf.variableGrads(
    () => trainer.model.loss(batch, createRng(4)),
    trainer.model.params.variables,
  );
  const out = new Map<string, number>();
  for (const v of trainer.model.params.variables) {
    const g = await values(grads[v.name]);
    out.set(v.name.replace(/_\d+$/, ''), Math.sqrt(g.reduce((s, x) => s + x * x, 0)));
  }
  tf.dispose([value, ...Object.values(grads)]);
  return out;
}

beforeAll(() => useNodeBackend('cpu'));
afterAll(() => useNodeBackend('cpu'));

describe('joint framework: training', () => {
  for (const fusion of FUSIONS) {
    it(`${fusion}: gradients reach both encoders, the fusion and every head`, async () => {
      const trainer = new Trainer(smallConfig({ fusion }), DATA);
      const norms = await gradientNorms(trainer);
      for (const name of [
        'image/fc/w',
        'text/fc/w',
        'joint/image/proj/w',
        'joint/text/proj/w',
        'joint/heads/w',
        'joint/decode/text/out/w',
        'joint/unimodal/image/out/w',
      ]) {
        expect(norms.get(name), name).toBeGreaterThan(0);
      }
      const fusionNorms = [...norms.entries()].filter(([k]) => k.startsWith('fusion/'));
      expect(fusionNorms.length).toBeGreaterThan(0);
      expect(fusionNorms.some(([, n]) => n > 0)).toBe(true);
      trainer.dispose();
    });
  }

  it('leaks no tensors over steps and evaluations', async () => {
    const trainer = new Trainer(smallConfig({ fusion: 'tensor' }), DATA);
    await trainer.train(1);
    await trainer.evaluate();
    const after1 = tf.memory().numTensors;
    await trainer.train(4);
    await trainer.evaluate();
    expect(tf.memory().numTensors).toBe(after1);
    trainer.dispose();
  });

  it('trains every fusion on the WASM backend and lowers the loss', async () => {
    await useNodeBackend('wasm');
    try {
      for (const fusion of FUSIONS) {
        const trainer = new Trainer(smallConfig({ fusion, lr: 0.01 }), DATA);
        const first = await trainer.train(3);
        const later = await trainer.train(20);
        expect(first.stopped).toBeUndefined();
        expect(later.loss).toBeLessThan(first.loss);
        trainer.dispose();
      }
    } finally {
      await useNodeBackend('cpu');
    }
  });

  it('builds only the parts its objective uses', () => {
    const supervised = new Trainer(
      smallConfig({ jointObjective: 'supervised', unimodalReconWeight: 0 }),
      DATA,
    );
    const autoencoder = new Trainer(
      smallConfig({ jointObjective: 'autoencoder', unimodalReconWeight: 0 }),
      DATA,
    );
    const names = (t: Trainer) => t.model.params.variables.map((v) => v.name);
    expect(names(supervised).some((n) => n.startsWith('joint/heads'))).toBe(true);
    expect(names(supervised).some((n) => n.startsWith('joint/decode'))).toBe(false);
    expect(names(autoencoder).some((n) => n.startsWith('joint/heads'))).toBe(false);
    expect(names(autoencoder).some((n) => n.startsWith('joint/decode'))).toBe(true);
    supervised.dispose();
    autoencoder.dispose();
  });

  it('says the supervised objective is unavailable on data without attributes, and trains the rest', async () => {
    const noAttributes = { ...DATA, schema: undefined, train: { ...DATA.train, attributes: undefined } };
    const evalNoAttributes = { ...noAttributes, eval: { ...DATA.eval, attributes: undefined } };
    expect(() => new Trainer(smallConfig({ jointObjective: 'supervised' }), evalNoAttributes)).toThrow(
      /has none: choose the autoencoder/,
    );
    const t = new Trainer(smallConfig({ jointObjective: 'both' }), evalNoAttributes);
    expect(t.model.params.variables.some((v) => v.name.startsWith('joint/heads'))).toBe(false);
    const chunk = await t.train(2);
    expect(Number.isFinite(chunk.loss)).toBe(true);
    const j = ((await t.evaluate()).extra as { joint: JointEvaluation }).joint;
    expect(j.accuracy).toBeNull();
    expect(j.probe).toBeNull();
    expect(j.reconstruction).not.toBeNull();
    expect(j.note).toMatch(/no attributes.*autoencoder alone/);
    t.dispose();
  });
});

describe('joint framework: codes', () => {
  it('embeds an image alone and a caption alone as unit rows, each blind to the other modality', async () => {
    const trainer = new Trainer(smallConfig({ fusion: 'lowrank' }), DATA);
    const L = trainer.seqLength;
    const V = trainer.vocab.words.length;
    const host = gatherBatch(trainer.evalData, [0, 1, 2, 3]);
    // The same images with other captions, and the same captions with other images.
    const otherCaptions = { ...host, captionIds: [...host.captionIds].reverse() };
    const otherImages = { ...host, images: host.images.map((x) => 1 - x) };
    const codes = (h: typeof host) =>
      tf.tidy(() => {
        const { image, text } = trainer.model.embed(new TensorBatch(h, V, L));
        return [image, text];
      });
    const [img, txt] = codes(host);
    const [img2] = codes(otherCaptions);
    const [, txt2] = codes(otherImages);
    expect(img.shape).toEqual([4, 8]);
    const norms = await values(tf.tidy(() => tf.norm(img, 'euclidean', 1)));
    norms.forEach((n) => expect(n).toBeCloseTo(1, 5));
    expect(await values(img2)).toEqual(await values(img));
    expect(await values(txt2)).toEqual(await values(txt));
    // The pair's code depends on both modalities.
    const model = trainer.model;
    if (!isJointModel(model)) throw new Error('expected a joint model');
    const fused = tf.tidy(() => model.fused(new TensorBatch(host, V, L)));
    const fusedOtherCaptions = tf.tidy(() => model.fused(new TensorBatch(otherCaptions, V, L)));
    const fusedOtherImages = tf.tidy(() => model.fused(new TensorBatch(otherImages, V, L)));
    expect(fused.shape).toEqual([4, 8]);
    expect(await values(fusedOtherCaptions)).not.toEqual(await values(fused));
    expect(await values(fusedOtherImages)).not.toEqual(await values(fused));
    tf.dispose([img, txt, img2, txt2, fused, fusedOtherCaptions, fusedOtherImages]);
    trainer.dispose();
  });
});

describe('joint framework: evaluation', () => {
  it('reports accuracy per condition, robustness, reconstruction and the fusion size as plain JSON', async () => {
    const config = smallConfig({ fusion: 'tensor' });
    const trainer = new Trainer(config, DATA);
    await trainer.train(5);
    const { extra } = await trainer.evaluate();
    const j = (extra as { joint: JointEvaluation }).joint;
    expect(JSON.parse(JSON.stringify(j))).toEqual(j);
    expect(j.parameters.fusion).toBe(fusionParameterCount('tensor', [4, 4], 8, 2));
    expect(j.parameters.total).toBe(trainer.parameterCount());
    for (const report of [j.accuracy!, j.probe!]) {
      for (const c of ['both', 'imageOnly', 'textOnly'] as const) {
        expect(report[c]).toBeGreaterThanOrEqual(0);
        expect(report[c]).toBeLessThanOrEqual(1);
      }
      expect(Object.keys(report.perAttribute)).toEqual(['shape', 'colour', 'size', 'position']);
      expect(report.fusionGain).toBeCloseTo(report.both - Math.max(report.imageOnly, report.textOnly), 12);
    }
    expect(j.robustness.map((r) => r.noise)).toEqual([...NOISE_LEVELS]);
    // Noise on the pixels leaves the caption-only accuracy alone; at 0 the curve starts at the clean accuracy.
    expect(new Set(j.robustness.map((r) => r.textOnly)).size).toBe(1);
    expect(j.robustness[0].both).toBe(j.accuracy!.both);
    // Dropping caption words leaves the image-only accuracy alone.
    expect(j.captionRobustness.map((r) => r.wordDrop)).toEqual([...WORD_DROP_LEVELS]);
    expect(new Set(j.captionRobustness.map((r) => r.imageOnly)).size).toBe(1);
    // Seen and held-out pairs split the evaluation set: the overall accuracy is their weighted mean.
    const held = DATA.eval.heldOut!.reduce((a, b) => a + b, 0) / DATA.eval.size;
    expect(j.accuracy!.both).toBeCloseTo(
      held * j.accuracy!.heldOut.both + (1 - held) * j.accuracy!.seen.both,
      10,
    );
    const rec = j.reconstruction!;
    expect(rec.image.mse.both).toBeGreaterThan(0);
    expect(rec.image.meanImageMse).toBeGreaterThan(0);
    expect(rec.caption.topWords.textOnly).toBeGreaterThanOrEqual(0);
    expect(rec.caption.topWords.textOnly).toBeLessThanOrEqual(1);
    expect(j.agreement.imageOnly).toBeLessThanOrEqual(1 + 1e-6);
    trainer.dispose();
  });
});
