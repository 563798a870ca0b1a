import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { resolveConfig, type ExperimentConfig } from '../../../src/core/experiment/config';
import { generateShapeCaptions } from '../../../src/core/data/shapes/shapeCaptions';
import { Trainer, type Evaluation } from '../../../src/training/trainer';
import type { JointEvaluation } from '../../../src/core/frameworks/joint/evaluate';
import type { EncDecEvaluation } from '../../../src/core/frameworks/encdec/evaluate';
import { frameworkOf } from '../../../src/core/frameworks/registry';

/** Small sets with sound: the three modalities of every item. */
const DATA = generateShapeCaptions({ seed: 5, trainSize: 96, evalSize: 40, audio: true });

function config(settings: Record<string, unknown>): ExperimentConfig {
  const { config: c, errors } = resolveConfig({
    modalities: 'image,text,audio',
    batchSize: 16,
    imageHidden: 16,
    textHidden: 16,
    audioHidden: 16,
    dim: 8,
    modalityDim: 4,
    fusionRank: 2,
    decoderHidden: 16,
    lr: 0.01,
    ...settings,
  });
  expect(errors).toEqual([]);
  return c;
}

const PAIRS = ['image-text', 'image-audio', 'text-audio'] as const;
const gaps = (e: Evaluation) => PAIRS.map((k) => e.metrics.pairs?.[k]?.gap ?? NaN);

beforeAll(() => useNodeBackend('cpu'));
afterAll(() => useNodeBackend('cpu'));

describe('frameworks over image, text and sound', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['coordinated infonce', { framework: 'coordinated' }],
    ['coordinated vsepp', { framework: 'coordinated', loss: 'vsepp' }],
    ['correlation, Deep CCA over three pairs', { framework: 'correlation', loss: 'dcca' }],
    ['joint tensor fusion', { framework: 'joint', fusion: 'tensor' }],
    ['joint low-rank fusion', { framework: 'joint', fusion: 'lowrank' }],
    ['encoder-decoder, sound → caption', { framework: 'encdec', direction: 'i2t', consistencyWeight: 1 }],
  ];
  for (const [name, settings] of cases) {
    it(`${name}: measures every pair, moves the gaps, and leaks no tensors`, async () => {
      const trainer = new Trainer(config(settings), DATA);
      try {
        const before = await trainer.evaluate();
        expect(before.metrics.modalities).toEqual(['image', 'text', 'audio']);
        expect(Object.keys(before.metrics.pairs ?? {})).toEqual([...PAIRS]);
        expect(before.metrics.pairs?.['text-audio']?.hitRule).toBe('same shape, colour, size');
        expect(before.codes.audio?.length).toBe(40 * 8);
        expect(Object.keys(before.metrics.cones ?? {})).toEqual(['image', 'text', 'audio']);
        // One step and one evaluation first: a model's state (a readout) may hold tensors from then on.
        await trainer.train(1);
        await trainer.evaluate();
        const tensors = tf.memory().numTensors;
        await trainer.train(12);
        expect(tf.memory().numTensors).toBe(tensors);
        const after = await trainer.evaluate();
        expect(tf.memory().numTensors).toBe(tensors);
        gaps(after).forEach((g, i) => {
          expect(Number.isFinite(g)).toBe(true);
          expect(Math.abs(g - gaps(before)[i]), PAIRS[i]).toBeGreaterThan(1e-3);
        });
        if (settings.framework === 'coordinated')
          gaps(after).forEach((g, i) => expect(g, PAIRS[i]).toBeLessThan(gaps(before)[i]));
      } finally {
        trainer.dispose();
      }
    }, 120_000);
  }

  it('joint: reports attribute accuracy from every input subset', async () => {
    const trainer = new Trainer(config({ framework: 'joint', fusion: 'tensor' }), DATA);
    try {
      await trainer.train(5);
      const { extra } = await trainer.evaluate();
      const joint = (extra as { joint: JointEvaluation }).joint;
      const subsets = joint.accuracyBySubset ?? {};
      expect(Object.keys(subsets)).toEqual([
        'image',
        'text',
        'audio',
        'image+text',
        'image+audio',
        'text+audio',
        'image+text+audio',
      ]);
      Object.values(subsets).forEach((a) => expect(a).toBeGreaterThanOrEqual(0));
      // Fusion's weights: (4+1)³ inputs times dim 8, plus 8 biases.
      expect(joint.parameters.fusion).toBe(125 * 8 + 8);
    } finally {
      trainer.dispose();
    }
  }, 120_000);

  it('encoder-decoder: writes captions for sounds', async () => {
    const trainer = new Trainer(config({ framework: 'encdec', direction: 'i2t' }), DATA);
    try {
      await trainer.train(3);
      const { extra } = await trainer.evaluate();
      const encdec = (extra as { encdec: EncDecEvaluation }).encdec;
      expect(encdec.soundCaptions?.bleu).toHaveLength(4);
      expect(encdec.soundCaptions?.samples.length).toBeGreaterThan(0);
    } finally {
      trainer.dispose();
    }
  }, 120_000);

  it('correlation: keeps the sound readout in its state, and restores it', async () => {
    const trainer = new Trainer(config({ framework: 'correlation', loss: 'dcca' }), DATA);
    try {
      await trainer.train(8);
      const state = trainer.model.state;
      if (!state) throw new Error('the correlation model has a state');
      const saved = state.save();
      expect(saved['readout/project/audio']?.shape).toEqual([8, 8]);
      const before = await trainer.evaluate();
      state.restore({ tensors: saved });
      const after = await trainer.evaluate();
      expect(after.codes.audio).toEqual(before.codes.audio);
      tf.dispose(Object.values(saved));
      expect(() => state.restore({ tensors: { 'readout/mean/audio': tf.zeros([1, 8]) } })).toThrow(
        'readout/mean/audio comes without the rest of its group',
      );
    } finally {
      trainer.dispose();
    }
  }, 120_000);

  it('refuses sound on data without it, saying so', () => {
    const silent = generateShapeCaptions({ seed: 5, trainSize: 8, evalSize: 8 });
    expect(() => new Trainer(config({ framework: 'coordinated' }), silent)).toThrow(
      'The modalities image,text,audio include sound, and the data ShapeCaptions has none',
    );
  });

  it('says which frameworks and directions cannot take the modalities', () => {
    const why = (settings: Record<string, unknown>) => {
      const c = config(settings);
      return frameworkOf(c).unsupported(c, 'cpu');
    };
    // Joint fuses any two of the three (jointPairs.test.ts trains each).
    expect(why({ framework: 'joint', modalities: 'text,audio' })).toBeNull();
    expect(why({ framework: 'joint', modalities: 'image,audio' })).toBeNull();
    expect(why({ framework: 'encdec', modalities: 'image,audio' })).toMatch(/need text/);
    expect(why({ framework: 'encdec', modalities: 'text,audio', direction: 'both' })).toMatch(
      /nothing to draw/,
    );
    expect(why({ framework: 'coordinated', modalities: 'text,audio' })).toBeNull();
    expect(why({ framework: 'joint' })).toBeNull();
    // Correlation takes every list, with either objective (correlationPairs.test.ts trains each).
    for (const modalities of ['image,text,audio', 'image,audio', 'text,audio'])
      for (const loss of ['dcca', 'softcca'])
        expect(why({ framework: 'correlation', loss, modalities }), `${modalities} ${loss}`).toBeNull();
  });
});
