/** Packed columns come back as they went in; a packed column that does not hold every row is refused by name. */
import { describe, expect, it } from 'vitest';
import { packColumns, unpackColumns } from '../../../src/training/import/packedPairs';
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
