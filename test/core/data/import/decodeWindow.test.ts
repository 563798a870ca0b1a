/**
 * Decoding with several pictures in flight: rows keep the items' order whatever order the decoder
 * finishes in, the window and the pixel budget bound what is in flight, and a rejection keeps its place.
 */
import { describe, expect, it } from 'vitest';
import { decodeItems, parseImport, type ImageDecoder } from '../../../../src/core/data/import';
import { IMAGE_LENGTH } from '../../../../src/core/data/pairs';
import { makePng } from './fixtures';

/** n pictures named p0..p(n-1), each w x h, coloured by index so none is a duplicate. */
function parsed(n: number, w = 2, h = 2) {
  return parseImport(
    Array.from({ length: n }, (_, i) => ({
      path: `set/p${i}.png`,
      bytes: makePng(w, h, () => [i, 0, 0, 255]),
    })),
  );
}

/** A decoder that counts the most pictures it had in flight at once. */
function countingDecoder() {
  let inFlight = 0;
  let most = 0;
  const decoder: ImageDecoder = {
    async decode() {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
      return { pixels: new Float32Array(IMAGE_LENGTH) };
    },
  };
  return { decoder, most: () => most };
}

describe('decoding with pictures in flight', () => {
  it('keeps four in flight at most and the rows in the items’ order', async () => {
    const items = parsed(10);
    // Each picture's pixels say which picture it was: its position in the (natural) path order.
    const order = items.items.map((it) => it.path);
    let inFlight = 0;
    let most = 0;
    const decoder: ImageDecoder = {
      async decode(bytes) {
        const index = items.items.findIndex((it) => it.bytes === bytes);
        inFlight++;
        most = Math.max(most, inFlight);
        // Picture 0 is the slowest, picture 9 the quickest: they finish out of order.
        await new Promise((r) => setTimeout(r, (10 - index) * 3));
        inFlight--;
        return { pixels: new Float32Array(IMAGE_LENGTH).fill(index / 255) };
      },
    };
    const progress: number[] = [];
    const pairs = await decodeItems(items, decoder, {
      concurrency: 4,
      onProgress: (p) => progress.push(p.done),
    });
    expect(most).toBe(4);
    expect(pairs.paths).toEqual(order);
    expect(Array.from({ length: 10 }, (_, row) => pairs.images[row * IMAGE_LENGTH])).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('decodes one at a time by default, and one at a time when two would pass the pixel budget', async () => {
    const one = countingDecoder();
    await decodeItems(parsed(3), one.decoder);
    expect(one.most()).toBe(1);
    // Declared 5,000 x 5,000 = 25 M pixels each: two would be 50 M, over the 40 M budget.
    const small = parsed(3);
    const large = { ...small, items: small.items.map((it) => ({ ...it, width: 5000, height: 5000 })) };
    const big = countingDecoder();
    await decodeItems(large, big.decoder, { concurrency: 4 });
    expect(big.most()).toBe(1);
  });

  it('keeps a refused picture’s place among the rejections and the others’ rows in order', async () => {
    const items = parsed(5);
    const decoder: ImageDecoder = {
      async decode(bytes) {
        const index = items.items.findIndex((it) => it.bytes === bytes);
        await new Promise((r) => setTimeout(r, (5 - index) * 2));
        if (index === 2) throw new Error('bad pixels');
        return { pixels: new Float32Array(IMAGE_LENGTH).fill(index / 255) };
      },
    };
    const pairs = await decodeItems(items, decoder, { concurrency: 3 });
    expect(pairs.paths).toEqual(['set/p0.png', 'set/p1.png', 'set/p3.png', 'set/p4.png']);
    expect([0, 1, 2, 3].map((row) => pairs.images[row * IMAGE_LENGTH])).toEqual([0, 1, 3, 4]);
    expect(pairs.rejected).toEqual([
      { path: 'set/p2.png', reason: 'undecodable', detail: 'could not be decoded (bad pixels)' },
    ]);
  });
});
