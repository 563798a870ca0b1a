/**
 * Whether a picture's bytes carry EXIF metadata, whose orientation tag may ask for it to be turned or
 * mirrored. Browsers' createImageBitmap honours that tag; the faster WebCodecs ImageDecoder path may not,
 * so a picture with EXIF is decoded the slower way. Only the headers are walked (a few dozen bytes for
 * most files): JPEG's APP1 "Exif" segment, PNG's eXIf chunk, WebP's VP8X EXIF flag.
 */
import type { ImageMime } from './types';

const ascii = (bytes: Uint8Array, at: number, text: string) =>
  at + text.length <= bytes.length && [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));

function jpegHasExif(bytes: Uint8Array): boolean {
  // Markers after SOI (FF D8): FF xx, a 2-byte big-endian length (counting itself), the payload.
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1];
    if (marker === 0xda || marker === 0xd9) return false; // start of scan, end of image: no more headers
    if (marker === 0xe1 && ascii(bytes, at + 4, 'Exif\0\0')) return true;
    at += 2 + ((bytes[at + 2] << 8) | bytes[at + 3]);
  }
  return false;
}

function pngHasExif(bytes: Uint8Array): boolean {
  // Chunks after the 8-byte signature: a 4-byte big-endian length, a 4-byte type, data, a 4-byte CRC.
  let at = 8;
  while (at + 8 <= bytes.length) {
    if (ascii(bytes, at + 4, 'eXIf')) return true;
    if (ascii(bytes, at + 4, 'IDAT') || ascii(bytes, at + 4, 'IEND')) return false;
    const length = ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
    at += 12 + length;
  }
  return false;
}

/** WebP: RIFF, size, "WEBP", then a VP8X chunk whose flags byte has bit 3 set when EXIF follows. */
const webpHasExif = (bytes: Uint8Array) => ascii(bytes, 12, 'VP8X') && (bytes[20] & 0x08) !== 0;

export function hasExif(bytes: Uint8Array, mime: ImageMime): boolean {
  switch (mime) {
    case 'image/jpeg':
      return jpegHasExif(bytes);
    case 'image/png':
      return pngHasExif(bytes);
    case 'image/webp':
      return webpHasExif(bytes);
    default:
      return false;
  }
}
