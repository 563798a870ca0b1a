/** Packed columns come back as they went in; a packed column that does not hold every row is refused by name. */
import { describe, expect, it } from 'vitest';
import { gatherImages, packColumns, unpackColumns } from '../../../src/training/import/packedPairs';
import { IMAGE_LENGTH } from '../../../src/core/data/pairs';

const columns = {
  images: Uint8Array.from({ length: 2 * IMAGE_LENGTH }, (_, i) => i % 256),
  captions: [['a red circle', 'a round thing'], ['é ☃ "quoted"']],
  paths: ['pairs/0.png', 'pairs/1.png'],
};

describe('packed imported columns', () => {
  it('packs pixels as raw bytes and captions, paths as JSON, and unpacks them unchanged', async () => {
    const packed = packColumns(columns);
    expect(packed.images).toBeInstanceOf(Blob);
    expect(packed.images.size).toBe(2 * 3072);
    // The JSON text of the captions, stored as UTF-8.
    expect(await packed.captions.text()).toBe('[["a red circle","a round thing"],["é ☃ \\"quoted\\""]]');
    expect(packed.captions.size).toBe(56); // 53 characters, é one byte more, ☃ two
    expect(await (packed.paths as Blob).text()).toBe('["pairs/0.png","pairs/1.png"]');
    const back = await unpackColumns(packed, 2);
    expect(back.images).toEqual(columns.images);
    expect(back.images[3071]).toBe(3071 % 256);
    expect(back.captions).toEqual(columns.captions);
    expect(back.paths).toEqual(columns.paths);
  });

  it('keeps the paths as a list when asked (an import with sound)', () => {
    expect(packColumns(columns, true).paths).toBe(columns.paths);
  });

  it('passes unpacked columns through as they are', async () => {
    const back = await unpackColumns(columns, 2);
    expect(back.images).toBe(columns.images);
    expect(back.captions).toBe(columns.captions);
  });

  it('refuses pixels cut short, captions for another number of images, and text that is not JSON', async () => {
    const packed = packColumns(columns);
    await expect(unpackColumns({ ...packed, images: packed.images.slice(0, 3072) }, 2)).rejects.toThrow(
      'The stored pixels of the imported pairs are damaged: 3072 bytes for 2 images (6144 expected).',
    );
    await expect(unpackColumns(packed, 3)).rejects.toThrow('6144 bytes for 3 images (9216 expected)');
    const oneCaption = new Blob([JSON.stringify([['a']])]);
    await expect(unpackColumns({ ...packed, captions: oneCaption }, 2)).rejects.toThrow(
      'The stored captions of the imported pairs are damaged: 1 captions for 2 images.',
    );
    await expect(unpackColumns({ ...packed, paths: new Blob(['["a", ']) }, 2)).rejects.toThrow(
      'The stored paths of the imported pairs are damaged: they are not JSON.',
    );
  });
});

describe('gathering rows of the image column', () => {
  // Five images, image r's bytes all 10 * r + 1.
  const five = new Uint8Array(5 * IMAGE_LENGTH);
  for (let r = 0; r < 5; r++) five.fill(10 * r + 1, r * IMAGE_LENGTH, (r + 1) * IMAGE_LENGTH);
  const firstBytes = (bytes: Uint8Array) =>
    Array.from({ length: bytes.length / IMAGE_LENGTH }, (_, i) => bytes[i * IMAGE_LENGTH]);

  it('puts each group’s rows in its order, from a Blob read in chunks or from bytes', async () => {
    const groups = [Int32Array.of(0, 2, 4), Int32Array.of(3, 1)];
    for (const chunk of [1, 2, 4096]) {
      const [a, b] = await gatherImages(new Blob([five]), 5, groups, chunk);
      expect(firstBytes(a)).toEqual([1, 21, 41]);
      expect(firstBytes(b)).toEqual([31, 11]);
      expect(b[2 * IMAGE_LENGTH - 1]).toBe(11);
    }
    const [a, b] = await gatherImages(five, 5, groups);
    expect(firstBytes(a)).toEqual([1, 21, 41]);
    expect(firstBytes(b)).toEqual([31, 11]);
    // Rows in no group are left out.
    expect(firstBytes((await gatherImages(new Blob([five]), 5, [Int32Array.of(4)], 2))[0])).toEqual([41]);
  });

  it('refuses a column that is not `size` images long, as unpacking does', async () => {
    await expect(gatherImages(new Blob([five.subarray(1)]), 5, [Int32Array.of(0)])).rejects.toThrow(
      'The stored pixels of the imported pairs are damaged: 15359 bytes for 5 images (15360 expected).',
    );
  });
});
