import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { readPairs } from '../../../src/core/embeddings/readPairs';
import { loadPairs } from '../../../src/core/embeddings/loadPairs';
import { encodeNpy } from '../../../src/core/embeddings/npy';
import { projectorFiles } from '../../../src/core/export/projector';

const text = (s: string) => new TextEncoder().encode(s);
const file = (path: string, s: string | Uint8Array) => ({ path, bytes: typeof s === 'string' ? text(s) : s });

describe('readPairs', () => {
  it("reads the playground's own Projector export back: images then captions, keys and split from metadata", () => {
    const files = projectorFiles({
      dim: 2,
      image: Float32Array.from([1, 0, 0, 1]),
      text: Float32Array.from([0.6, 0.8, 0.8, 0.6]),
      captions: ['a red circle', 'a blue square'],
      keys: ['red circle', 'blue square'],
      heldOut: Uint8Array.from([0, 1]),
    });
    const pairs = readPairs(Object.entries(files).map(([path, bytes]) => ({ path, bytes })));
    expect(pairs.names).toEqual(['image', 'caption']);
    expect([pairs.n, ...pairs.dims]).toEqual([2, 2, 2]);
    expect(Array.from(pairs.b)).toEqual(Array.from(Float32Array.from([0.6, 0.8, 0.8, 0.6])));
    expect(pairs.keys).toEqual(['red circle', 'blue square']);
    expect(pairs.keySource).toBe('key');
    expect(pairs.captions).toEqual(['a red circle', 'a blue square']);
    expect(Array.from(pairs.heldOut ?? [])).toEqual([0, 1]);
    expect(pairs.notes).toEqual(['not read: projector_config.json']);
  });

  it("matches rows by the 'pair' column when the modalities are listed in different orders", () => {
    const pairs = readPairs([
      file('vectors.tsv', '1\t0\n0\t1\n0\t2\n3\t0\n'),
      file('metadata.tsv', 'modality\tpair\nimage\t7\nimage\t8\ntext\t8\ntext\t7\n'),
    ]);
    expect(Array.from(pairs.a)).toEqual([1, 0, 0, 1]);
    // Text rows re-ordered to pairs 7, 8 and scaled to unit length (with a note saying so).
    expect(Array.from(pairs.b)).toEqual([1, 0, 0, 1]);
    expect(pairs.keySource).toBe('identity');
    expect(pairs.keys).toEqual(['0', '1']);
    expect(pairs.notes).toEqual(['text rows were L2-normalised (lengths 2.00 to 3.00)']);
  });

  it('reads two .npy files named after their modalities, images first, widths allowed to differ', () => {
    const pairs = readPairs([
      file('emb/text_embeddings.npy', encodeNpy(Float32Array.from([1, 0, 0, 0, 1, 0]), 2, 3)),
      file('emb/image_embeddings.npy', encodeNpy(Float32Array.from([0, 1, 1, 0]), 2, 2)),
      // One column: no header line, as the Projector reads it.
      file('emb/metadata.tsv', 'cat\ndog\n'),
    ]);
    expect(pairs.names).toEqual(['image', 'text']);
    expect(pairs.dims).toEqual([2, 3]);
    expect(pairs.keys).toEqual(['cat', 'dog']);
    expect(pairs.keySource).toBe('label');
  });

  it('reads a zip of the files', () => {
    const zip = zipSync({ 'run/image.tsv': text('1\t0\n0\t1\n'), 'run/text.tsv': text('0\t1\n1\t0\n') });
    const pairs = loadPairs([{ path: 'run.zip', bytes: zip }]);
    expect(pairs.names).toEqual(['image', 'text']);
    expect(pairs.sources).toEqual(['run.zip/run/image.tsv', 'run.zip/run/text.tsv']);
  });

  it('says specifically what is wrong', () => {
    const npy = (rows: number, values: number[]) =>
      encodeNpy(Float32Array.from(values), rows, values.length / rows);
    expect(() => readPairs([file('a.txt', 'x')])).toThrow(/No embeddings found/);
    expect(() =>
      readPairs([file('image.npy', npy(2, [1, 0, 0, 1])), file('text.npy', npy(3, [1, 0, 0, 1, 1, 1]))]),
    ).toThrow('image.npy has 2 rows but text.npy has 3: row i of each must be item i.');
    expect(() =>
      readPairs([file('image.npy', npy(2, [1, NaN, 0, 1])), file('text.npy', npy(2, [1, 0, 0, 1]))]),
    ).toThrow('image.npy: row 1, value 2 is NaN (image): every value must be a finite number.');
    expect(() =>
      readPairs([file('image.npy', npy(2, [0, 0, 0, 1])), file('text.npy', npy(2, [1, 0, 0, 1]))]),
    ).toThrow(/row 1 \(image\) is all zeros/);
    expect(() => readPairs([file('image.tsv', '1\t0\n0\n'), file('text.tsv', '1\t0\n0\t1\n')])).toThrow(
      'image.tsv: line 2 has 1 values but line 1 has 2: every row must be as wide',
    );
    expect(() => readPairs([file('image.tsv', '1\t0\n0\tnan\n'), file('text.tsv', '1\t0\n0\t1\n')])).toThrow(
      'image.tsv: line 2, value 2 is "nan", not a finite number',
    );
    expect(() => readPairs([file('vectors.tsv', '1\t0\n0\t1\n')])).toThrow(/'modality' column must say/);
    expect(() =>
      readPairs([
        file('vectors.tsv', '1\t0\n0\t1\n1\t1\n'),
        file('metadata.tsv', 'modality\tkey\nimage\ta\ntext\ta\n'),
      ]),
    ).toThrow('metadata.tsv describes 2 points but vectors.tsv has 3 rows: they must match line for line.');
    expect(() =>
      readPairs([
        file('vectors.tsv', '1\t0\n0\t1\n1\t1\n'),
        file('metadata.tsv', 'modality\tkey\nimage\ta\ntext\ta\ntext\tb\n'),
      ]),
    ).toThrow(/image has 1 rows but text has 2/);
    expect(() =>
      readPairs([
        file('vectors.tsv', '1\t0\n0\t1\n1\t1\n1\t2\n'),
        file('metadata.tsv', 'modality\tpair\nimage\t1\nimage\t1\ntext\t1\ntext\t2\n'),
      ]),
    ).toThrow('Pair "1" appears twice among the image rows (lines 2 and 3 of the metadata).');
    expect(() =>
      readPairs([file('a/vectors.npy', npy(2, [1, 0, 0, 1])), file('b/vectors.npy', npy(2, [1, 0, 0, 1]))]),
    ).not.toThrow();
    expect(() =>
      readPairs([file('a/x.npy', npy(2, [1, 0, 0, 1])), file('b/x.npy', npy(2, [1, 0, 0, 1]))]),
    ).toThrow(/Cannot tell the modalities/);
  });
});
