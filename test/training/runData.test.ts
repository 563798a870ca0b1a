/**
 * The training worker's dataset of imported pairs, from the page's packed columns: the same dataset, row
 * for row and byte for byte, as the importer's columns give through toDataset, without holding the whole
 * pixel column twice.
 */
import { describe, expect, it } from 'vitest';
import { runDataset } from '../../src/training/runData';
import { packColumns, type Columns } from '../../src/training/import/packedPairs';
import type { ImportedData } from '../../src/training/protocol';
import { defaultConfig } from '../../src/core/experiment/config';
import { IMAGE_LENGTH } from '../../src/core/data/pairs';
import { summarise, toDataset } from '../../src/core/data/import';

/** The page's message: every column packed in a Blob. */
function packedData(size: number, columns: Columns): ImportedData {
  const { images, captions, paths } = packColumns(columns);
  return { id: 'd1', name: 'Folder', size, images, captions, paths: paths as Blob };
}

describe('runDataset of imported pairs', () => {
  const n = 9;
  const images = Uint8Array.from({ length: n * IMAGE_LENGTH }, (_, p) => (p * 7 + (p >> 11)) % 256);
  const captions = Array.from({ length: n }, (_, i) => [`picture ${i}`, `another ${i}`]);
  const paths = captions.map((_, i) => `folder/${i}.png`);
  const config = { ...defaultConfig(), dataset: 'imported' as const, seed: 5, evalShare: 0.3 };

  it('splits and holds the pixels as toDataset does, from packed columns', async () => {
    const got = await runDataset(config, 'http://localhost/', packedData(n, { images, captions, paths }));
    const want = toDataset(
      { size: n, images, captions, paths, rejected: [], notDropped: [], summary: summarise([], []) },
      { seed: 5, evalFraction: 0.3, name: 'Folder' },
    );
    expect(got).toEqual(want);
    // round(9 × 0.3) = 3 evaluation images, kept as bytes.
    expect([got.train.size, got.eval.size]).toEqual([6, 3]);
    expect(got.eval.images).toBeInstanceOf(Uint8Array);
  });

  it('names damaged pixels and too few images', async () => {
    const cut = packedData(n, { images: images.subarray(0, 3 * IMAGE_LENGTH), captions, paths });
    await expect(runDataset(config, 'http://localhost/', cut)).rejects.toThrow(
      /stored pixels of the imported pairs are damaged: 9216 bytes for 9 images/,
    );
    const three = packedData(3, {
      images: images.subarray(0, 3 * IMAGE_LENGTH),
      captions: captions.slice(0, 3),
      paths: paths.slice(0, 3),
    });
    await expect(runDataset(config, 'http://localhost/', three)).rejects.toThrow(
      /Only 3 usable images: at least 4/,
    );
  });
});
