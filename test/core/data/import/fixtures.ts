/** Small real images and hand-built headers for the import tests. */
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { zipSync, strToU8 } from 'fflate';

/** A w x h PNG filled by `pixel(x, y)` -> [r, g, b, a]. */
export function makePng(
  w: number,
  h: number,
  pixel: (x: number, y: number) => number[] = () => [255, 0, 0, 255],
): Uint8Array {
  const png = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) png.data.set(pixel(x, y), (y * w + x) * 4);
  return new Uint8Array(PNG.sync.write(png));
}

/** A w x h JPEG of one colour. */
export function makeJpeg(w: number, h: number, rgb: number[] = [0, 0, 255], quality = 95): Uint8Array {
  const data = Buffer.alloc(w * h * 4);
  for (let i = 0; i < w * h; i++) data.set([rgb[0], rgb[1], rgb[2], 255], i * 4);
  return new Uint8Array(jpeg.encode({ data, width: w, height: h }, quality).data);
}

const u32be = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];

/** A PNG whose header declares w x h but which holds no pixel data (enough for the header check). */
export function pngHeaderOnly(w: number, h: number): Uint8Array {
  return Uint8Array.from([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...u32be(13),
    ...strToU8('IHDR'),
    ...u32be(w),
    ...u32be(h),
    8,
    6,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    ...u32be(0),
    ...strToU8('IEND'),
    0xae,
    0x42,
    0x60,
    0x82,
  ]);
}

export const GIF_1x1 = Uint8Array.from([
  0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255, 0x21, 0xf9, 4, 1, 0, 0,
  0, 0, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3b,
]);

/** A 2x2 24-bit BMP (54-byte header + 2 rows of 8 bytes). */
export function makeBmp(w = 2, h = 2): Uint8Array {
  const row = Math.ceil((w * 3) / 4) * 4;
  const size = 54 + row * h;
  const b = new Uint8Array(size);
  const v = new DataView(b.buffer);
  b.set(strToU8('BM'));
  v.setUint32(2, size, true);
  v.setUint32(10, 54, true);
  v.setUint32(14, 40, true);
  v.setInt32(18, w, true);
  v.setInt32(22, h, true);
  v.setUint16(26, 1, true);
  v.setUint16(28, 24, true);
  return b;
}

/** A lossless WebP header (VP8L) declaring w x h, with a RIFF size that matches the bytes. */
export function webpHeader(w: number, h: number): Uint8Array {
  const b = new Uint8Array(40);
  const v = new DataView(b.buffer);
  b.set(strToU8('RIFF'));
  v.setUint32(4, b.length - 8, true);
  b.set(strToU8('WEBPVP8L'), 8);
  v.setUint32(16, 10, true);
  b[20] = 0x2f;
  v.setUint32(21, ((w - 1) & 0x3fff) | (((h - 1) & 0x3fff) << 14), true);
  return b;
}

export const SVG = strToU8(
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="red"/></svg>',
);

export const text = (s: string) => strToU8(s);
export { zipSync, strToU8 };
