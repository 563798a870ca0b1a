import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../../src/core/tf';
import { useNodeBackend } from '../../../../src/cli/nodeBackends';
import { resolveConfig } from '../../../../src/core/experiment/config';
import { generateShapeCaptions } from '../../../../src/core/data/shapes/shapeCaptions';
import {
  argmaxPerBlock,
  RECON_SIZE,
  WORDS_SHOWN,
  type JointInspection,
} from '../../../../src/core/frameworks/joint/inspect';
import { Trainer } from '../../../../src/training/trainer';
import { inspectTrainer } from '../../../../src/training/inspection';

const DATA = generateShapeCaptions({ seed: 3, trainSize: 64, evalSize: 24 });

function trainer(settings: Record<string, unknown> = {}): Trainer {
  const { config, errors } = resolveConfig({
    framework: 'joint',
    batchSize: 16,
    imageHidden: 16,
    textHidden: 16,
    dim: 8,
    modalityDim: 4,
    ...settings,
  });
  expect(errors).toEqual([]);
  return new Trainer(config, DATA);
}

beforeAll(() => useNodeBackend('cpu'));
afterAll(() => useNodeBackend('cpu'));

describe('joint inspection', () => {
  it('reads the largest value of each attribute block', () => {
    expect(argmaxPerBlock([0.1, 0.9, 0.3, 5, 2, 7, -1, -2], [3, 3, 2])).toEqual([1, 2, 0]);
  });

  it('gives reconstructions, decoded words and attribute readings per condition, and leaks nothing', async () => {
    const t = trainer();
    await t.train(2);
    const before = tf.memory().numTensors;
    const result = (await inspectTrainer(t, { pairs: [3, 0, 999, -1] })) as JointInspection;
    expect(tf.memory().numTensors).toBe(before);
    expect(result.kind).toBe('joint');
    expect(result.reconSize).toBe(16);
    // Words in over half of the captions ('a', 'the') never fill the decoded words.
    expect(result.commonWords.length).toBeGreaterThan(0);
    // Indices outside the evaluation set are skipped.
    expect(result.pairs.map((p) => p.index)).toEqual([3, 0]);
    const pair = result.pairs[0];
    expect(pair.caption).toBe(DATA.eval.captions[3][0]);
    expect(pair.captionWords.length).toBeGreaterThan(2);
    for (const c of ['both', 'imageOnly', 'textOnly'] as const) {
      expect(pair.images![c]).toBeInstanceOf(Uint8Array);
      expect(pair.images![c].length).toBe(RECON_SIZE * RECON_SIZE * 3);
      const words = pair.words![c];
      expect(words).toHaveLength(WORDS_SHOWN);
      for (const w of words) expect(result.commonWords).not.toContain(w.word);
      for (let i = 1; i < words.length; i++) expect(words[i - 1].p).toBeGreaterThanOrEqual(words[i].p);
      expect(pair.attributes!.read[c]).toHaveLength(4);
    }
    expect(pair.attributes!.names).toEqual(['shape', 'colour', 'size', 'position']);
    const truth = Array.from(DATA.eval.attributes!.subarray(3 * 4, 4 * 4));
    expect(pair.attributes!.truth).toEqual(truth.map((v, a) => DATA.schema!.values[a][v]));
    // Each inspection makes fresh arrays the worker may transfer.
    expect(pair.images!.both.buffer.byteLength).toBe(pair.images!.both.byteLength);
    t.dispose();
  });

  it('says what a model without decoders or heads cannot show', async () => {
    const supervised = trainer({ jointObjective: 'supervised' });
    const s = (await inspectTrainer(supervised, { pairs: [0] })) as JointInspection;
    expect(s.pairs[0].images).toBeNull();
    expect(s.pairs[0].words).toBeNull();
    expect(s.pairs[0].attributes).not.toBeNull();
    supervised.dispose();
    const autoencoder = trainer({ jointObjective: 'autoencoder' });
    const a = (await inspectTrainer(autoencoder, { pairs: [0] })) as JointInspection;
    expect(a.pairs[0].attributes).toBeNull();
    expect(a.pairs[0].images).not.toBeNull();
    autoencoder.dispose();
  });
});
