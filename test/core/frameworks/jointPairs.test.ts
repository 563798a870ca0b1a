import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { createRng } from '../../../src/core/random/rng';
import { resolveConfig, type ExperimentConfig } from '../../../src/core/experiment/config';
import { generateShapeCaptions } from '../../../src/core/data/shapes/shapeCaptions';
import { FUSIONS } from '../../../src/core/fusion/fusionNames';
import { isJointModel, joint } from '../../../src/core/frameworks/joint';
import {
  NOISE_LEVELS,
  WORD_DROP_LEVELS,
  type JointEvaluation,
} from '../../../src/core/frameworks/joint/evaluate';
import { Trainer } from '../../../src/training/trainer';

/** Small sets with sound. */
const DATA = generateShapeCaptions({ seed: 9, trainSize: 96, evalSize: 40, audio: true });

function config(settings: Record<string, unknown>): ExperimentConfig {
  const { config: c, errors } = resolveConfig({
    framework: 'joint',
    batchSize: 16,
    imageHidden: 16,
    textHidden: 16,
    audioHidden: 16,
    dim: 8,
    modalityDim: 4,
    fusionRank: 2,
    lr: 0.01,
    ...settings,
  });
  expect(errors).toEqual([]);
  return c;
}

/**
 * Fusion weights of two 4-wide modality vectors into an 8-wide code, by each operator's formula:
 * concat and additive W [4 + 4, 8] and b [8]; tensor W over (4 + 1)(4 + 1) products and b;
 * low-rank r = 2 factors [4 + 1, r·8] per modality, the rank weights [r] and b [8].
 */
const FUSION_WEIGHTS = {
  concat: 8 * 8 + 8,
  additive: 8 * 8 + 8,
  tensor: 5 * 5 * 8 + 8,
  lowrank: 2 * (5 * 8) * 2 + 2 + 8,
} as const;

beforeAll(() => useNodeBackend('cpu'));
afterAll(() => useNodeBackend('cpu'));

describe('joint over two modalities with sound', () => {
  for (const modalities of ['image,audio', 'text,audio'])
    for (const fusion of FUSIONS) {
      it(`${modalities}, ${fusion}: fuses exactly the two inputs, weights by the formula, and trains`, async () => {
        const c = config({ modalities, fusion });
        expect(joint.unsupported(c, 'cpu')).toBeNull();
        const trainer = new Trainer(c, DATA);
        try {
          const model = trainer.model;
          if (!isJointModel(model)) throw new Error('a joint model');
          expect(model.fusionParameters).toBe(FUSION_WEIGHTS[fusion]);
          // No encoder of the modality the run lacks.
          const names = model.params.variables.map((v) => v.name);
          const lacking = modalities.includes('image') ? 'joint/text/' : 'joint/image/';
          expect(names.some((n) => n.startsWith(lacking))).toBe(false);
          expect(names.some((n) => n.startsWith('joint/audio/proj'))).toBe(true);
          const batch = trainer.nextBatch();
          const code = model.fused(batch);
          expect(code.shape).toEqual([16, 8]);
          code.dispose();
          const loss = tf.tidy(() => model.loss(batch, createRng(1)).arraySync());
          expect(Number.isFinite(loss)).toBe(true);
          await trainer.train(2);
        } finally {
          trainer.dispose();
        }
      }, 60_000);
    }

  const evaluated: [string, string, string[]][] = [
    ['image,audio', 'tensor', ['image', 'audio', 'image+audio']],
    ['text,audio', 'lowrank', ['text', 'audio', 'text+audio']],
  ];
  for (const [modalities, fusion, subsets] of evaluated) {
    it(`${modalities}, ${fusion}: accuracy by the run's subsets, robustness of its own inputs, no leaks`, async () => {
      const trainer = new Trainer(config({ modalities, fusion }), DATA);
      try {
        await trainer.train(1);
        await trainer.evaluate();
        const tensors = tf.memory().numTensors;
        await trainer.train(8);
        const { extra, metrics, codes } = await trainer.evaluate();
        expect(tf.memory().numTensors).toBe(tensors);
        const result = (extra as { joint: JointEvaluation }).joint;
        expect(result.conditionModalities).toEqual(modalities.split(','));
        expect(Object.keys(result.accuracyBySubset ?? {})).toEqual(subsets);
        Object.values(result.accuracyBySubset ?? {}).forEach((a) => {
          expect(a).toBeGreaterThanOrEqual(0);
          expect(a).toBeLessThanOrEqual(1);
        });
        // The pair's accuracy is the two-input subset's, read by the same heads.
        expect(result.accuracy?.both).toBeCloseTo(result.accuracyBySubset?.[subsets[2]] ?? NaN, 6);
        // Pixel noise where there is a picture, word dropout where there is a caption.
        expect(result.robustness).toHaveLength(modalities.includes('image') ? NOISE_LEVELS.length : 0);
        expect(result.captionRobustness).toHaveLength(
          modalities.includes('text') ? WORD_DROP_LEVELS.length : 0,
        );
        expect(result.reconstruction?.image.mse.both).toBeGreaterThan(0);
        expect(Object.keys(metrics.pairs ?? {})).toEqual([modalities.replace(',', '-')]);
        expect(codes.audio?.length).toBe(40 * 8);
      } finally {
        trainer.dispose();
      }
    }, 120_000);
  }
});
