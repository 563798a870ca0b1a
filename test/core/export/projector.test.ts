import { describe, expect, it } from 'vitest';
import { unzipSync, zipSync } from 'fflate';
import { PNG } from 'pngjs';
import { formatValue, projectorFiles, spriteSheet } from '../../../src/core/export/projector';
import { encodePng, crc32 } from '../../../src/core/export/png';
import { IMAGE_LENGTH } from '../../../src/core/data/pairs';

const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

describe('projectorFiles', () => {
  // Two pairs in a 2-d space; pair 1 held out; its caption has a tab and a line break in it.
  const input = {
    dim: 2,
    image: Float32Array.from([1, 0, 0.6, 0.8]),
    text: Float32Array.from([0.5, -0.25, 0.1234567, 1e-7]),
    captions: ['red circle', 'blue\tsquare\non top'],
    keys: ['circle|red', 'square|blue'],
    heldOut: Uint8Array.from([0, 1]),
  };

  it('writes one vector row per point, images first, and metadata with a header', () => {
    const files = projectorFiles(input);
    expect(text(files['vectors.tsv'])).toBe('1\t0\n0.6\t0.8\n0.5\t-0.25\n0.123457\t1e-7\n');
    expect(text(files['metadata.tsv'])).toBe(
      'modality\tcaption\tkey\tsplit\tpair\n' +
        'image\tred circle\tcircle|red\tevaluation\t0\n' +
        'image\tblue square on top\tsquare|blue\tevaluation (held out)\t1\n' +
        'caption\tred circle\tcircle|red\tevaluation\t0\n' +
        'caption\tblue square on top\tsquare|blue\tevaluation (held out)\t1\n',
    );
    const config: unknown = JSON.parse(text(files['projector_config.json']));
    expect(config).toEqual({
      embeddings: [
        {
          tensorName: 'Shared space (images, then captions)',
          tensorShape: [4, 2],
          tensorPath: 'vectors.tsv',
          metadataPath: 'metadata.tsv',
        },
      ],
    });
    expect(files['sprite.png']).toBeUndefined();
  });

  it('adds a sprite of 32x32 cells, images then caption cells, in a square grid', () => {
    const images = new Uint8Array(2 * IMAGE_LENGTH);
    images.fill(10, 0, IMAGE_LENGTH); // pair 0: dark grey
    images.fill(200, IMAGE_LENGTH); // pair 1: light grey
    const files = projectorFiles({ ...input, images });
    const config = JSON.parse(text(files['projector_config.json'])) as { embeddings: { sprite?: unknown }[] };
    expect(config.embeddings[0].sprite).toEqual({ imagePath: 'sprite.png', singleImageDim: [32, 32] });
    const png = PNG.sync.read(Buffer.from(files['sprite.png']));
    // 4 points -> a 2x2 grid of 32-pixel cells.
    expect([png.width, png.height]).toEqual([64, 64]);
    const at = (x: number, y: number) =>
      Array.from(png.data.subarray((y * 64 + x) * 4, (y * 64 + x) * 4 + 3));
    expect(at(5, 5)).toEqual([10, 10, 10]);
    expect(at(40, 5)).toEqual([200, 200, 200]);
    expect(at(5, 40)).toEqual([253, 236, 200]);
    expect(at(40, 40)).toEqual([253, 236, 200]);
  });

  it('rejects columns of different lengths', () => {
    expect(() => projectorFiles({ ...input, keys: ['a'] })).toThrow(/2 captions, 1 keys/);
  });

  it('round-trips through a zip as the app downloads it', () => {
    const zip = zipSync(projectorFiles(input));
    expect(Object.keys(unzipSync(zip)).sort()).toEqual([
      'metadata.tsv',
      'projector_config.json',
      'vectors.tsv',
    ]);
  });
});

describe('sprite and PNG', () => {
  it('leaves unused cells white', () => {
    // 3 pairs -> 6 cells -> a 3x3 grid with 3 empty cells.
    const { pixels, side } = spriteSheet(new Uint8Array(3 * IMAGE_LENGTH), 3);
    expect(side).toBe(3);
    const last = ((96 - 1) * 96 + 95) * 3;
    expect(Array.from(pixels.subarray(last, last + 3))).toEqual([255, 255, 255]);
  });

  it('encodes RGBA that a reference decoder reads back exactly', () => {
    const rgba = Uint8Array.from([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 1, 2, 3, 4]);
    const png = PNG.sync.read(Buffer.from(encodePng(rgba, 2, 2, 4)));
    expect(Array.from(png.data)).toEqual(Array.from(rgba));
  });

  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('formats values with six significant digits', () => {
    expect([0.5, 1 / 3, -2, Number.NaN].map(formatValue)).toEqual(['0.5', '0.333333', '-2', '0']);
  });
});
