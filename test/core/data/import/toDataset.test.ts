import { describe, expect, it } from 'vitest';
import { IMAGE_LENGTH, imageAt } from '../../../../src/core/data/pairs';
import { toDataset, summarise, type ImportedPairs } from '../../../../src/core/data/import';

function pairs(captions: string[][]): ImportedPairs {
  const n = captions.length;
  // Image i's bytes are all 25 * i: its floats in the dataset are 25 * i / 255.
  const images = new Uint8Array(n * IMAGE_LENGTH);
  for (let i = 0; i < n; i++) images.fill(25 * i, i * IMAGE_LENGTH, (i + 1) * IMAGE_LENGTH);
  const items = captions.map((c) => ({ captions: c }));
  return {
    size: n,
    images,
    captions,
    paths: captions.map((_, i) => `p/${i}.png`),
    rejected: [],
    notDropped: [],
    summary: summarise(items, []),
  };
}

describe('toDataset', () => {
  const data = pairs(Array.from({ length: 10 }, (_, i) => [`caption ${i}`, `other ${i}`]));

  it('splits by image 80/20 with a seed, keeping each image whole on one side', () => {
    const ds = toDataset(data, { seed: 3 });
    expect(ds.train.size).toBe(8);
    expect(ds.eval.size).toBe(2);
    const all = [...ds.sourceRows.train, ...ds.sourceRows.eval].sort((a, b) => a - b);
    expect(all).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    ds.sourceRows.eval.forEach((r, i) => {
      expect(ds.eval.captions[i]).toEqual([`caption ${r}`, `other ${r}`]);
      // Kept as bytes; batches read them as byte / 255.
      expect(ds.eval.images[i * IMAGE_LENGTH]).toBe(25 * r);
      expect(ds.eval.images[(i + 1) * IMAGE_LENGTH - 1]).toBe(25 * r);
      expect(imageAt(ds.eval, i)[0]).toBeCloseTo((25 * r) / 255, 6);
      expect(ds.eval.keys[i]).toBe(`p/${r}.png`);
    });
    expect(ds.eval.heldOut).toEqual(new Uint8Array(2));
    expect(ds.schema).toBeUndefined();
    expect(ds.train.attributes).toBeUndefined();
    expect(toDataset(data, { seed: 3 }).sourceRows).toEqual(ds.sourceRows);
    expect([...ds.sourceRows.train]).toEqual([...ds.sourceRows.train].sort((a, b) => a - b));
    expect(toDataset(data, { seed: 4 }).sourceRows.eval).not.toEqual(ds.sourceRows.eval);
  });

  it('keys by image by default, by normalised first caption on request', () => {
    const same = pairs([['A cat!'], ['a  CAT'], ['a dog'], ['a bird'], ['a fish']]);
    const byImage = toDataset(same, { seed: 1, evalFraction: 0.5 });
    expect(new Set([...byImage.train.keys, ...byImage.eval.keys]).size).toBe(5);
    const byCaption = toDataset(same, { seed: 1, evalFraction: 0.5, keyBy: 'caption' });
    expect(new Set([...byCaption.train.keys, ...byCaption.eval.keys])).toEqual(
      new Set(['a cat', 'a dog', 'a bird', 'a fish']),
    );
  });

  it('needs two images on each side', () => {
    expect(() => toDataset(pairs([['a'], ['b'], ['c']]), { seed: 1 })).toThrow(/at least 4/);
    const four = toDataset(pairs([['a'], ['b'], ['c'], ['d']]), { seed: 1 });
    expect([four.train.size, four.eval.size]).toEqual([2, 2]);
  });
});

describe('the evaluation rows of a large import', () => {
  it('come in seeded random order, so their first rows are a fair sample of every folder', () => {
    // 2,000 images in 4 folders of 500 (paths sorted by folder): 400 evaluation pairs.
    const n = 2000;
    const data = {
      size: n,
      images: new Uint8Array(n * IMAGE_LENGTH),
      captions: Array.from({ length: n }, (_, i) => [`caption ${i}`]),
      paths: Array.from({ length: n }, (_, i) => `folder${Math.floor(i / 500)}/${i}.png`),
      rejected: [],
      notDropped: [],
      summary: summarise([], []),
    };
    const ds = toDataset(data, { seed: 7 });
    expect(ds.eval.size).toBe(400);
    const firstFolders = ds.eval.keys.slice(0, 100).map((k) => k.split('/')[0]);
    // A path-sorted prefix would be folder0 only; a random 100 of 400 has each folder ~25 times.
    for (const folder of ['folder0', 'folder1', 'folder2', 'folder3'])
      expect(firstFolders.filter((f) => f === folder).length).toBeGreaterThan(10);
    expect(toDataset(data, { seed: 7 }).eval.keys).toEqual(ds.eval.keys);
  });
});
