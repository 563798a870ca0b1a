import { describe, expect, it } from 'vitest';
import { IMAGE_LENGTH } from '../../../../src/core/data/pairs';
import {
  decodeItems,
  parseImport,
  rgbaThumbnail,
  rgbaToInput,
  ImportCancelled,
  type ImageDecoder,
} from '../../../../src/core/data/import';
import { nodeImageDecoder } from '../../../../src/cli/nodeImageDecoder';
import { GIF_1x1, SVG, makeJpeg, makePng } from './fixtures';

describe('resampling to the model input', () => {
  it('averages by area: a 64x64 checkerboard of black and white becomes uniform grey', () => {
    const rgba = new Uint8Array(64 * 64 * 4);
    for (let i = 0; i < 64 * 64; i++) {
      const v = ((i % 64) + Math.floor(i / 64)) % 2 ? 255 : 0;
      rgba.set([v, v, v, 255], i * 4);
    }
    const input = rgbaToInput(rgba, 64, 64);
    expect(input).toHaveLength(IMAGE_LENGTH);
    for (const v of input) expect(v).toBeCloseTo(0.5, 6);
  });

  it('crops the centre square of a wide image and composites transparency over white', () => {
    // 96x32: left third red, middle third transparent, right third blue. The crop keeps the middle.
    const rgba = new Uint8Array(96 * 32 * 4);
    for (let y = 0; y < 32; y++)
      for (let x = 0; x < 96; x++)
        rgba.set(x < 32 ? [255, 0, 0, 255] : x < 64 ? [0, 255, 0, 0] : [0, 0, 255, 255], (y * 96 + x) * 4);
    const input = rgbaToInput(rgba, 96, 32);
    expect(Math.min(...input)).toBe(1);
    // Half-transparent black over white is mid grey.
    const half = rgbaToInput(
      new Uint8Array(4 * 4 * 4).fill(0).map((_, i) => (i % 4 === 3 ? 128 : 0)),
      4,
      4,
    );
    expect(half[0]).toBeCloseTo(1 - 128 / 255, 6);
    // Upscaling a 1x1 image fills the input.
    expect(rgbaToInput(Uint8Array.from([255, 0, 0, 255]), 1, 1).slice(0, 6)).toEqual(
      Float32Array.from([1, 0, 0, 1, 0, 0]),
    );
  });

  it('makes thumbnails with straight alpha', () => {
    const thumb = rgbaThumbnail(Uint8Array.from([10, 20, 30, 128]), 1, 1, 2);
    expect(Array.from(thumb)).toEqual([10, 20, 30, 128, 10, 20, 30, 128, 10, 20, 30, 128, 10, 20, 30, 128]);
  });
});

describe('Node decoder', () => {
  it('decodes a PNG to exact pixels and a thumbnail', async () => {
    const png = makePng(8, 8, (x) => (x < 4 ? [255, 0, 0, 255] : [0, 0, 255, 255]));
    const { pixels, thumbnail } = await nodeImageDecoder.decode(png, 'image/png', { thumbnail: true });
    expect(pixels.slice(0, 3)).toEqual(Float32Array.from([1, 0, 0]));
    expect(pixels.slice(31 * 3, 32 * 3)).toEqual(Float32Array.from([0, 0, 1]));
    expect(thumbnail).toHaveLength(64 * 64 * 4);
    expect(Array.from(thumbnail!.slice(0, 4))).toEqual([255, 0, 0, 255]);
  });

  it('decodes a JPEG to its colour (within JPEG error)', async () => {
    const { pixels } = await nodeImageDecoder.decode(makeJpeg(16, 16, [0, 128, 255]), 'image/jpeg');
    const mean = [0, 1, 2].map((c) => pixels.filter((_, i) => i % 3 === c).reduce((a, b) => a + b, 0) / 1024);
    expect(mean[0]).toBeCloseTo(0, 1);
    expect(mean[1]).toBeCloseTo(128 / 255, 1);
    expect(mean[2]).toBeCloseTo(1, 1);
  });

  it('reports types it cannot decode as unsupported, and corrupt data as undecodable', async () => {
    const good = makePng(4, 4);
    const corrupt = good.slice();
    corrupt.fill(7, 41, good.length - 12); // pixel data scrambled, header and end chunk intact
    const parsed = parseImport([
      { path: 'a.png', bytes: good },
      { path: 'b.gif', bytes: GIF_1x1 },
      { path: 'c.svg', bytes: SVG },
      { path: 'd.png', bytes: corrupt },
    ]);
    expect(parsed.items).toHaveLength(4);
    const pairs = await decodeItems(parsed, nodeImageDecoder);
    expect(pairs.paths).toEqual(['a.png']);
    expect(pairs.images).toHaveLength(IMAGE_LENGTH);
    expect(pairs.rejected.map((r) => [r.path, r.reason])).toEqual([
      ['b.gif', 'unsupported-type'],
      ['c.svg', 'unsupported-type'],
      ['d.png', 'undecodable'],
    ]);
    expect(pairs.rejected[0]?.detail).toBe(
      'is GIF, which the headless runner cannot decode (PNG and JPEG only; the app reads it)',
    );
    expect(pairs.summary).toMatchObject({ images: 1, pairs: 1, rejectedTotal: 3 });
  });
});

describe('decodeItems', () => {
  const parsed = parseImport(
    Array.from({ length: 5 }, (_, i) => ({
      path: `img_${i}.png`,
      bytes: makePng(2, 2, () => [i, 0, 0, 255]),
    })),
  );
  const fake: ImageDecoder = {
    decode: () => Promise.resolve({ pixels: new Float32Array(IMAGE_LENGTH).fill(0.5) }),
  };

  it('reports progress after every image', async () => {
    const seen: number[] = [];
    const pairs = await decodeItems(parsed, fake, { onProgress: (p) => seen.push(p.done * 10 + p.total) });
    expect(seen).toEqual([15, 25, 35, 45, 55]);
    expect(pairs.size).toBe(5);
    expect(pairs.captions).toEqual([['img'], ['img'], ['img'], ['img'], ['img']]);
  });

  it('stops between images when cancelled', async () => {
    const signal = { aborted: false };
    const run = decodeItems(parsed, fake, { signal, onProgress: (p) => (signal.aborted = p.done === 2) });
    await expect(run).rejects.toBeInstanceOf(ImportCancelled);
  });
});
