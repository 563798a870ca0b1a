/**
 * Decoded images handed to a sink a chunk at a time (how a packed import reaches its Blob): the chunks,
 * joined, are the column decoding without a sink gives, rejected pictures left out, and the result holds
 * no column of its own.
 */
import { describe, expect, it } from 'vitest';
import { decodeItems, parseImport, type ImageDecoder } from '../../../../src/core/data/import';
import { IMAGE_LENGTH } from '../../../../src/core/data/pairs';
import { makePng } from './fixtures';

/** Seven pictures p0..p6 (distinct colours, so none is a duplicate); p3 cannot be decoded. */
const parsed = parseImport(
  Array.from({ length: 7 }, (_, i) => ({
    path: `set/p${i}.png`,
    bytes: makePng(2, 2, () => [i, 0, 0, 255]),
  })),
);
const decoder: ImageDecoder = {
  decode(bytes) {
    // Which picture: the item whose bytes these are.
    const i = parsed.items.findIndex((item) => item.bytes === bytes);
    if (parsed.items[i].path === 'set/p3.png') throw new Error('broken');
    const pixels = new Float32Array(IMAGE_LENGTH).fill((10 * i) / 255);
    return Promise.resolve({ pixels });
  },
};

describe('decoding into an image sink', () => {
  it('hands over the kept rows in order, sinkRows at a time, and keeps no column', async () => {
    const whole = await decodeItems(parsed, decoder);
    expect(whole.size).toBe(6);
    const chunks: Uint8Array[] = [];
    const sunk = await decodeItems(parsed, decoder, {
      imageSink: (rows) => chunks.push(rows.slice()),
      sinkRows: 4,
    });
    expect(chunks.map((c) => c.length / IMAGE_LENGTH)).toEqual([4, 2]);
    const joined = new Uint8Array(6 * IMAGE_LENGTH);
    chunks.reduce((at, c) => (joined.set(c, at), at + c.length), 0);
    expect(joined).toEqual(whole.images);
    // Rows' first bytes: pictures 0, 1, 2, 4, 5, 6 (p3 refused) at 10 × index.
    expect(Array.from({ length: 6 }, (_, r) => joined[r * IMAGE_LENGTH])).toEqual([0, 10, 20, 40, 50, 60]);
    expect(sunk.images).toHaveLength(0);
    expect(sunk.size).toBe(6);
    expect(sunk.paths).toEqual(whole.paths);
    expect(sunk.rejected.map((r) => r.path)).toEqual(['set/p3.png']);
  });

  it('hands over exactly full chunks when the rows divide evenly', async () => {
    const sizes: number[] = [];
    await decodeItems(parsed, decoder, {
      imageSink: (rows) => sizes.push(rows.length / IMAGE_LENGTH),
      sinkRows: 3,
    });
    expect(sizes).toEqual([3, 3]);
  });
});
