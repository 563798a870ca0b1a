/**
 * Imported images stay bytes until batched: a byte column gives the same batches, bit for bit, as the
 * float column the import used to hold (each byte / 255 rounded once to float32), and a run on it the
 * same numbers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { runExperiment } from '../../../src/cli/runExperiment';
import { resolveConfig } from '../../../src/core/experiment/config';
import { createRng } from '../../../src/core/random/rng';
import { buildVocabulary } from '../../../src/core/text/vocabulary';
import { TensorBatch, encodePairSet, gatherBatch } from '../../../src/core/data/batch';
import {
  IMAGE_LENGTH,
  copyImageFloats,
  imageAt,
  imageFloats,
  type PairDataset,
  type PairSet,
} from '../../../src/core/data/pairs';
import { summarise, toDataset, type ImportedPairs } from '../../../src/core/data/import';

/** What the import's dataset held before: every byte as float32(byte / 255). */
function asFloats(bytes: Uint8Array): Float32Array {
  const out = new Float32Array(bytes.length);
  for (let p = 0; p < bytes.length; p++) out[p] = bytes[p] / 255;
  return out;
}

function floatSet(set: PairSet): PairSet {
  return { ...set, images: asFloats(set.images as Uint8Array) };
}

/** `n` pairs of seeded random pixels (every byte value appears), captioned by two colour words. */
function importedPairs(n: number, seed: number): ImportedPairs {
  const rng = createRng(seed);
  const images = new Uint8Array(n * IMAGE_LENGTH);
  for (let p = 0; p < images.length; p++) images[p] = p < 256 ? p : rng.int(256);
  const words = ['red', 'green', 'blue', 'dark', 'light'];
  const captions = Array.from({ length: n }, (_, i) => [
    `${words[i % 5]} ${words[(i * 3 + 1) % 5]}`,
    `a ${words[(i + 2) % 5]} one`,
  ]);
  return {
    size: n,
    images,
    captions,
    paths: captions.map((_, i) => `pairs/${i}.png`),
    rejected: [],
    notDropped: [],
    summary: summarise([], []),
  };
}

const sameBits = (a: Float32Array, b: Float32Array): boolean =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

beforeAll(() => useNodeBackend('cpu'));

describe('imported images as bytes', () => {
  const pairs = importedPairs(40, 5);
  const dataset = toDataset(pairs, { seed: 3 });

  it('are kept as the import’s bytes, a quarter of the floats’ memory', () => {
    const { train, eval: evaluation, sourceRows } = dataset;
    expect(train.images).toBeInstanceOf(Uint8Array);
    expect(train.images.byteLength).toBe(train.size * IMAGE_LENGTH);
    expect(evaluation.images.byteLength).toBe(8 * IMAGE_LENGTH);
    sourceRows.eval.forEach((r, i) =>
      expect(evaluation.images.subarray(i * IMAGE_LENGTH, (i + 1) * IMAGE_LENGTH)).toEqual(
        pairs.images.subarray(r * IMAGE_LENGTH, (r + 1) * IMAGE_LENGTH),
      ),
    );
  });

  it('read as floats byte / 255: 0 → 0, 51 → 0.2, 255 → 1', () => {
    const column = new Uint8Array(2 * IMAGE_LENGTH).fill(51, IMAGE_LENGTH);
    column[0] = 255;
    const second = imageFloats(column, 1, 2);
    expect(second).toHaveLength(IMAGE_LENGTH);
    expect(second[0]).toBe(Math.fround(0.2));
    const first = imageAt({ ...dataset.train, images: column }, 0);
    expect([first[0], first[1]]).toEqual([1, 0]);
    const target = new Float32Array(IMAGE_LENGTH + 2).fill(-1);
    copyImageFloats(column, 1, target, 2);
    expect([target[1], target[2], target[IMAGE_LENGTH + 1]]).toEqual([
      -1,
      Math.fround(0.2),
      Math.fround(0.2),
    ]);
    // A float column is read in place, not copied.
    const floats = asFloats(column);
    expect(imageFloats(floats, 1, 2).buffer).toBe(floats.buffer);
  });

  it('give training and evaluation batches bit-identical to the float column’s', () => {
    const vocab = buildVocabulary(pairs.captions.flat());
    for (const set of [dataset.train, dataset.eval]) {
      const bytes = encodePairSet(set, vocab);
      const floats = encodePairSet(floatSet(set), vocab);
      const indices = Int32Array.from({ length: set.size }, (_, i) => (i * 7 + 3) % set.size);
      const a = gatherBatch(bytes, indices, createRng(9));
      const b = gatherBatch(floats, indices, createRng(9));
      expect(sameBits(a.images, b.images)).toBe(true);
      expect(a.captionIds).toEqual(b.captionIds);
      const [ta, tb] = tf.tidy(() => [
        new TensorBatch(a, vocab.words.length, 8).images().dataSync() as Float32Array,
        new TensorBatch(b, vocab.words.length, 8).images().dataSync() as Float32Array,
      ]);
      expect(sameBits(ta, tb)).toBe(true);
    }
  });

  it('train and evaluate to exactly the numbers of the float column, in every framework', async () => {
    const floats: PairDataset = { ...dataset, train: floatSet(dataset.train), eval: floatSet(dataset.eval) };
    for (const framework of ['coordinated', 'correlation', 'joint', 'encdec'] as const) {
      const { config, errors } = resolveConfig({
        dataset: 'imported',
        framework,
        steps: 4,
        evalEvery: 2,
        batchSize: 16,
        imageHidden: 16,
        textHidden: 16,
        dim: 4,
        seed: 4,
      });
      expect(errors).toEqual([]);
      const run = async (data: PairDataset) => {
        const { history } = await runExperiment(config, 'cpu', () => {}, { dataset: data });
        return history;
      };
      const fromBytes = await run(dataset);
      expect(fromBytes).toHaveLength(3);
      expect(fromBytes[2].loss).toEqual(expect.any(Number));
      expect(fromBytes, framework).toEqual(await run(floats));
    }
  }, 240_000);
});
