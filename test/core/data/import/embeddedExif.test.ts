/** EXIF found in the headers of hand-made JPEG, PNG and WebP bytes, and not where there is none. */
import { describe, expect, it } from 'vitest';
import { hasExif } from '../../../../src/core/data/import/embeddedExif';
import { makePng } from './fixtures';

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('EXIF in a picture’s headers', () => {
  it('finds a JPEG’s APP1 Exif segment after an APP0, and stops at the start of scan', () => {
    // SOI; APP0 of length 6 (2 length bytes + "JFIF"); APP1 of length 8 (2 + "Exif\0\0"); SOS.
    const app0 = [0xff, 0xe0, 0, 6, ...'JFIF'.split('').map((c) => c.charCodeAt(0))];
    const withExif = bytes([0xff, 0xd8], app0, [0xff, 0xe1, 0, 8], 'Exif\0\0', [0xff, 0xda, 0, 2]);
    expect(hasExif(withExif, 'image/jpeg')).toBe(true);
    // An APP1 that is XMP, not Exif; then an Exif-looking segment only after the scan starts.
    const xmpOnly = bytes(
      [0xff, 0xd8],
      app0,
      [0xff, 0xe1, 0, 6],
      'http',
      [0xff, 0xda, 0, 2],
      [0xff, 0xe1, 0, 8],
      'Exif\0\0',
    );
    expect(hasExif(xmpOnly, 'image/jpeg')).toBe(false);
  });

  it('finds a PNG’s eXIf chunk before its image data, and none in a plain PNG', () => {
    const plain = makePng(2, 2);
    expect(hasExif(plain, 'image/png')).toBe(false);
    // Signature, then an eXIf chunk of length 0 (length, type, CRC) ahead of the plain PNG's IHDR.
    const tagged = bytes(
      [...plain.subarray(0, 8)],
      [0, 0, 0, 0],
      'eXIf',
      [0, 0, 0, 0],
      [...plain.subarray(8)],
    );
    expect(hasExif(tagged, 'image/png')).toBe(true);
  });

  it('reads the EXIF flag (bit 3) of a WebP’s VP8X chunk', () => {
    const webp = (flags: number) => bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8X', [10, 0, 0, 0], [flags, 0, 0, 0]);
    expect(hasExif(webp(0x08), 'image/webp')).toBe(true);
    expect(hasExif(webp(0x10), 'image/webp')).toBe(false); // alpha only
    expect(hasExif(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'image/webp')).toBe(false);
  });

  it('says no for types without EXIF and for bytes cut short', () => {
    expect(hasExif(bytes('GIF89a'), 'image/gif')).toBe(false);
    expect(hasExif(bytes([0xff, 0xd8, 0xff, 0xe1, 0, 8], 'Ex'), 'image/jpeg')).toBe(false);
  });
});
