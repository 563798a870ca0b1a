import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { resolveConfig, type ExperimentConfig } from '../../../src/core/experiment/config';
import { generateShapeCaptions } from '../../../src/core/data/shapes/shapeCaptions';
import { Trainer, type Evaluation } from '../../../src/training/trainer';
import type { ExtraOf } from '../../../src/core/frameworks/frameworkExtra';
import { correlation } from '../../../src/core/frameworks/correlation';

/** Small sets with sound. */
const DATA = generateShapeCaptions({ seed: 7, trainSize: 96, evalSize: 40, audio: true });

function config(settings: Record<string, unknown>): ExperimentConfig {
  const { config: c, errors } = resolveConfig({
    framework: 'correlation',
    batchSize: 16,
    imageHidden: 16,
    textHidden: 16,
    audioHidden: 16,
    dim: 8,
    ccaTopK: 0,
    lr: 0.01,
    ...settings,
  });
  expect(errors).toEqual([]);
  return c;
}

const extraOf = (e: Evaluation) => e.extra as ExtraOf<'correlation'>;

beforeAll(() => useNodeBackend('cpu'));
afterAll(() => useNodeBackend('cpu'));

describe('correlation over every list of modalities', () => {
  const cases: [string, string, string[], string[]][] = [
    // modalities, loss, pairs, the state's tensors after training
    [
      'image,text,audio',
      'softcca',
      ['image-text', 'image-audio', 'text-audio'],
      ['phi/image', 'phi/text', 'phi/audio', 'readout/mean/image', 'readout/mean/audioText'],
    ],
    ['image,audio', 'dcca', ['image-audio'], ['readout/mean/image', 'readout/project/audio']],
    ['image,audio', 'softcca', ['image-audio'], ['phi/image', 'phi/audio', 'readout/mean/audio']],
    ['text,audio', 'dcca', ['text-audio'], ['readout/mean/text', 'readout/project/audio']],
    ['text,audio', 'softcca', ['text-audio'], ['phi/text', 'phi/audio', 'readout/project/text']],
  ];
  for (const [modalities, loss, pairs, stateNames] of cases) {
    it(`${modalities}, ${loss}: trains, measures each pair, keeps its state and leaks no tensors`, async () => {
      const c = config({ modalities, loss });
      expect(correlation.unsupported(c, 'cpu')).toBeNull();
      const trainer = new Trainer(c, DATA);
      try {
        const before = await trainer.evaluate();
        expect(before.metrics.modalities).toEqual(modalities.split(','));
        expect(Object.keys(before.metrics.pairs ?? {})).toEqual(pairs);
        for (const m of modalities.split(',')) expect(before.codes[m as 'audio']?.length).toBe(40 * 8);
        await trainer.train(1);
        await trainer.evaluate();
        const tensors = tf.memory().numTensors;
        await trainer.train(10);
        const after = await trainer.evaluate();
        expect(tf.memory().numTensors).toBe(tensors);

        const extra = extraOf(after);
        expect(extra.pair).toBe(pairs[0]);
        expect(Object.keys(extra.pairCorrelations ?? {})).toEqual(pairs);
        for (const key of pairs) {
          const gap = (e: Evaluation) => e.metrics.pairs?.[key as 'image-audio']?.gap ?? NaN;
          expect(Number.isFinite(gap(after)), key).toBe(true);
          expect(Math.abs(gap(after) - gap(before)), key).toBeGreaterThan(1e-3);
          const figures = extra.pairCorrelations?.[key as 'image-audio'];
          // 8 canonical correlations of 8-wide towers on 40 pairs, each in [0, 1].
          if (!figures || 'problem' in figures.cca) throw new Error(`${key}: no CCA`);
          expect(figures.cca.correlations).toHaveLength(8);
          figures.cca.correlations.forEach((r) => expect(r).toBeLessThanOrEqual(1 + 1e-6));
          expect(figures.towerGap).toBeGreaterThanOrEqual(0);
        }
        // The top-level figures are the first pair's.
        expect(extra.towerGap).toBe(extra.pairCorrelations?.[pairs[0] as 'image-audio']?.towerGap);
        if (!modalities.startsWith('image,text')) expect(extra.rawCca).toHaveProperty('problem');

        const state = trainer.model.state;
        if (!state) throw new Error('the correlation model has a state');
        const saved = state.save();
        for (const name of stateNames) expect(saved[name]?.shape[1], name).toBe(8);
        expect(Object.keys(saved).some((n) => n.startsWith('phi/'))).toBe(loss === 'softcca');
        state.restore({ tensors: saved });
        const restored = await trainer.evaluate();
        for (const m of modalities.split(','))
          expect(restored.codes[m as 'audio'], m).toEqual(after.codes[m as 'audio']);
        tf.dispose(Object.values(saved));
      } finally {
        trainer.dispose();
      }
    }, 120_000);
  }

  it('image,text keeps its figures as they were: no per-pair block, pixels against word counts', async () => {
    const trainer = new Trainer(config({ loss: 'softcca' }), DATA);
    try {
      await trainer.train(2);
      const extra = extraOf(await trainer.evaluate());
      expect(extra.pair).toBe('image-text');
      expect(extra.pairCorrelations).toBeUndefined();
      expect(extra.rawCca).not.toHaveProperty('problem');
      const saved = trainer.model.state?.save() ?? {};
      expect(Object.keys(saved).sort()).toEqual([
        'phi/image',
        'phi/text',
        'readout/mean/image',
        'readout/mean/text',
        'readout/project/image',
        'readout/project/text',
      ]);
      tf.dispose(Object.values(saved));
    } finally {
      trainer.dispose();
    }
  }, 120_000);

  it('a saved state of another list of modalities is refused by name', () => {
    const trainer = new Trainer(config({ modalities: 'image,audio', loss: 'softcca' }), DATA);
    try {
      const state = trainer.model.state;
      if (!state) throw new Error('the correlation model has a state');
      const phi = tf.eye(8);
      expect(() => state.restore({ tensors: { 'phi/text': phi } })).toThrow('phi/text is not part of it');
      phi.dispose();
    } finally {
      trainer.dispose();
    }
  });
});
