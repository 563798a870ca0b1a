/**
 * Recognising an image by its first bytes (magic numbers), never by its name alone: a '.png' that holds
 * a JPEG is still a fine JPEG, and a '.jpg' that holds HTML is not an image. Also names the common
 * non-image formats so the rejection says what a file actually is.
 */
import type { ImageMime } from './types';

function startsWith(bytes: Uint8Array, magic: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[offset + i] !== magic[i]) return false;
  return true;
}

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF87 = ascii('GIF87a');
const GIF89 = ascii('GIF89a');
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');
const BM = ascii('BM');

/** How far into a text file to look for an `<svg` root element (after XML prologue, comments, doctype). */
const SVG_SNIFF_CHARS = 4096;

/** True when the bytes look like an SVG document: optional BOM, prologue and comments, then `<svg`. */
function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, SVG_SNIFF_CHARS));
  const text = head
    .replace(/^\uFEFF/, '')
    .replace(/<\?xml[\s\S]*?\?>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<!DOCTYPE[^>]*>/gi, '')
    .trimStart();
  return /^<svg[\s>/]/i.test(text);
}

/** The image type the bytes hold, or null when they are not one of the supported images. */
export function sniffImage(bytes: Uint8Array): ImageMime | null {
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  if (startsWith(bytes, GIF87) || startsWith(bytes, GIF89)) return 'image/gif';
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return 'image/webp';
  // 'BM' alone is two letters of text; require the DIB header size to be one of the known ones.
  if (startsWith(bytes, BM) && bytes.length >= 18) {
    const dib = bytes[14] | (bytes[15] << 8) | (bytes[16] << 16) | (bytes[17] << 24);
    if ([12, 40, 52, 56, 64, 108, 124].includes(dib)) return 'image/bmp';
  }
  if (looksLikeSvg(bytes)) return 'image/svg+xml';
  return null;
}

/** True when the bytes are a zip archive (local file header or an empty archive's end record). */
export function isZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]);
}

/** A short name for what a non-image file seems to be, for the rejection message. */
export function describeContent(bytes: Uint8Array): string {
  if (isZip(bytes)) return 'a zip archive (archives inside archives are not expanded)';
  if (startsWith(bytes, ascii('II*\0')) || startsWith(bytes, ascii('MM\0*'))) return 'a TIFF image';
  if (startsWith(bytes, ascii('ftyp'), 4)) {
    const brand = String.fromCharCode(...bytes.subarray(8, 12));
    if (/avi[fs]/.test(brand)) return 'an AVIF image';
    if (/hei[cx]|mif1|msf1|heim|heis/.test(brand)) return 'a HEIC image';
    return 'an MP4/QuickTime file';
  }
  if (startsWith(bytes, [0, 0, 1, 0])) return 'an ICO icon';
  if (startsWith(bytes, ascii('%PDF'))) return 'a PDF document';
  if (startsWith(bytes, [0x1f, 0x8b])) return 'a gzip file';
  return 'not a recognised image';
}
