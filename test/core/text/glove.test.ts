import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import {
  cosine,
  loadGlove,
  meanWordVectors,
  parseWordVectors,
  vocabularyVectors,
} from '../../../src/core/text/glove';
import { buildVocabulary, encodeWords } from '../../../src/core/text/vocabulary';
import { createTextEncoder } from '../../../src/core/models/textEncoders';
import { ParamStore } from '../../../src/core/models/params';
import { createRng } from '../../../src/core/random/rng';
import { TensorBatch } from '../../../src/core/data/batch';

const glove = await loadGlove(
  async (name) => new Uint8Array(await readFile(join('public/data/glove', name))),
);

describe('trimmed GloVe vectors', () => {
  it('cover the built-in vocabularies', () => {
    expect(glove.dim).toBe(100);
    expect(glove.words.length).toBeGreaterThan(8000);
    for (const w of ['circle', 'crimson', 'left', 'centre', 'grinning', 'face', 'banana'])
      expect(glove.vector(w), w).toBeDefined();
    expect(glove.vector('notaword123')).toBeUndefined();
  });

  it('put opposites close together: the lesson of a frozen text encoder', () => {
    const cos = (a: string, b: string) => cosine(glove.vector(a)!, glove.vector(b)!);
    expect(cos('left', 'right')).toBeCloseTo(0.767, 2);
    expect(cos('small', 'large')).toBeCloseTo(0.933, 2);
    expect(cos('red', 'blue')).toBeCloseTo(0.842, 2);
    expect(cos('red', 'banana')).toBeLessThan(0.4);
  });

  it('decode int8 with a per-word scale and reject malformed files', () => {
    const bytes = new Uint8Array(2 * 4 + 2 * 2);
    new Float32Array(bytes.buffer, 0, 2).set([0.5, 2]);
    new Int8Array(bytes.buffer, 8, 4).set([2, -4, 1, 127]);
    const table = parseWordVectors({ dim: 2, count: 2, words: ['a', 'b'] }, bytes);
    expect(Array.from(table.vector('a')!)).toEqual([1, -2]);
    expect(Array.from(table.vector('b')!)).toEqual([2, 254]);
    expect(() => parseWordVectors({ dim: 2, count: 3, words: ['a', 'b'] }, bytes)).toThrow(/malformed/);
    expect(() => parseWordVectors({ dim: 2, count: 2, words: ['a', 'b'] }, bytes.subarray(1))).toThrow(
      /expected 12/,
    );
  });
});

describe('glove text encoder', () => {
  it('is the mean of the known words’ vectors, with no trainable weights and no leaks', async () => {
    await useNodeBackend('cpu');
    const vocab = buildVocabulary(['red circle', 'blue zzzqqq square']);
    const vectors = vocabularyVectors(vocab, glove);
    expect(vectors.coverage).toEqual({ known: 4, total: 5 });
    const params = new ParamStore();
    const encoder = createTextEncoder('glove', params, vocab.words.length, 8, createRng(1), vectors);
    expect(params.count()).toBe(0);
    const captionIds = ['red circle', 'blue zzzqqq square', 'zzzqqq'].map((t) =>
      Int32Array.from(encodeWords(vocab, t)),
    );
    const batch = new TensorBatch(
      { size: 3, indices: Int32Array.from([0, 1, 2]), images: new Float32Array(3 * 3072), captionIds },
      vocab.words.length,
      6,
    );
    const before = tf.memory().numTensors;
    const out = tf.tidy(() => encoder.apply(batch));
    const values = await out.data();
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const mean = (a: string, b: string) => glove.vector(a)!.map((v, k) => (v + glove.vector(b)![k]) / 2);
    expect(Array.from(values.slice(0, 100))).toEqual(Array.from(mean('red', 'circle')));
    expect(Array.from(values.slice(100, 200))).toEqual(Array.from(mean('blue', 'square')));
    expect(Array.from(values.slice(200))).toEqual(new Array(100).fill(0));
    expect(meanWordVectors(vectors, [])).toHaveLength(0);
    expect(() => createTextEncoder('glove', params, 10, 8, createRng(1))).toThrow(/GloVe word vectors/);
  });
});
