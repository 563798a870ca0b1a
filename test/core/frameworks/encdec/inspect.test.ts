import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../../src/core/tf';
import { useNodeBackend } from '../../../../src/cli/nodeBackends';
import { resolveConfig } from '../../../../src/core/experiment/config';
import { IMAGE_LENGTH } from '../../../../src/core/data/pairs';
import { generateShapeCaptions } from '../../../../src/core/data/shapes/shapeCaptions';
import { SHAPE_CAPTIONS_SCHEMA } from '../../../../src/core/data/shapes/attributes';
import { saidAttributes, type EncDecInspection } from '../../../../src/core/frameworks/encdec/inspect';
import { Trainer } from '../../../../src/training/trainer';
import { inspectTrainer } from '../../../../src/training/inspection';

const DATA = generateShapeCaptions({ seed: 5, trainSize: 64, evalSize: 24 });

function trainer(settings: Record<string, unknown>): Trainer {
  const { config, errors } = resolveConfig({
    framework: 'encdec',
    batchSize: 16,
    imageHidden: 16,
    textHidden: 16,
    dim: 8,
    decoderHidden: 16,
    imageDecoder: 'dense',
    ...settings,
  });
  expect(errors).toEqual([]);
  return new Trainer(config, DATA);
}

beforeAll(() => useNodeBackend('cpu'));
afterAll(() => useNodeBackend('cpu'));

describe('encoder-decoder inspection', () => {
  it('reads the attributes a caption names beside the truth, null where it names none', () => {
    // Truth row 0: shape 1 (square), colour 0 (red), size 2 (large), position 4 (centre).
    const truth = Int32Array.from([1, 0, 2, 4]);
    const said = saidAttributes('a small red circle', SHAPE_CAPTIONS_SCHEMA, truth, 0)!;
    expect(said.map((a) => [a.name, a.truth, a.said])).toEqual([
      ['shape', 'square', 'circle'],
      ['colour', 'red', 'red'],
      ['size', 'large', 'small'],
      ['position', SHAPE_CAPTIONS_SCHEMA.values[3][4], null],
    ]);
    const other = { names: ['label'], values: [['a', 'b']] };
    expect(saidAttributes('a', other, Int32Array.from([0]), 0)).toBeNull();
  });

  it('captions the pairs, draws their references and the typed captions, and leaks nothing', async () => {
    const t = trainer({ direction: 'both', decoding: 'greedy' });
    await t.train(2);
    const before = tf.memory().numTensors;
    const request = { pairs: [2, 50], captions: ['a red circle', 'a zyzzyva square'] };
    const result = (await inspectTrainer(t, request)) as EncDecInspection;
    expect(tf.memory().numTensors).toBe(before);
    expect(result.kind).toBe('encdec');
    expect(result.decoding).toBe('greedy');
    expect(result.pairs.map((p) => p.index)).toEqual([2]);
    const pair = result.pairs[0];
    expect(pair.references).toEqual(DATA.eval.captions[2]);
    expect(pair.heldOut).toBe(DATA.eval.heldOut![2] === 1);
    expect(typeof pair.caption!.text).toBe('string');
    expect(pair.attributes).toHaveLength(4);
    expect(pair.drawn!.length).toBe(IMAGE_LENGTH);
    expect(result.captions.map((c) => c.unknownWords)).toEqual([[], ['zyzzyva']]);
    expect(result.captions[1].image!.length).toBe(IMAGE_LENGTH);
    // The same weights and captions give the same caption again (decoding is deterministic).
    const again = (await inspectTrainer(t, request)) as EncDecInspection;
    expect(again.pairs[0].caption!.text).toBe(pair.caption!.text);
    expect(Array.from(again.captions[0].image!)).toEqual(Array.from(result.captions[0].image!));
    t.dispose();
  });

  it('has no images in direction i2t and no captions in t2i', async () => {
    const i2t = trainer({ direction: 'i2t', decoding: 'beam', beamWidth: 2 });
    const a = (await inspectTrainer(i2t, { pairs: [0], captions: ['a red circle'] })) as EncDecInspection;
    expect(a.pairs[0].drawn).toBeNull();
    expect(a.captions[0].image).toBeNull();
    expect(a.pairs[0].caption!.alternatives!.length).toBeGreaterThan(0);
    i2t.dispose();
    const t2i = trainer({ direction: 't2i' });
    const b = (await inspectTrainer(t2i, { pairs: [0] })) as EncDecInspection;
    expect(b.pairs[0].caption).toBeNull();
    expect(b.pairs[0].attributes).toBeNull();
    expect(b.pairs[0].drawn).not.toBeNull();
    t2i.dispose();
  });
});
