/**
 * Pixel dimensions read from an image's header, without decoding it, so a 20000x20000 PNG (1.6 GB of
 * RGBA once decoded) is turned away before any decoder sees it. Also catches files cut off inside their
 * header. Whether the pixel data itself is complete is for the decoder to say.
 */
import type { ImageMime } from './types';

export type HeaderResult =
  | { readonly ok: true; readonly width: number; readonly height: number }
  | { readonly ok: false; readonly reason: 'truncated' | 'undecodable'; readonly detail: string };

const u16be = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const u16le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u24le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
const u32be = (b: Uint8Array, i: number) =>
  ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
const u32le = (b: Uint8Array, i: number) =>
  (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
const i32le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24);
const tag = (b: Uint8Array, i: number) => String.fromCharCode(b[i], b[i + 1], b[i + 2], b[i + 3]);

const truncated = (detail: string): HeaderResult => ({ ok: false, reason: 'truncated', detail });
const bad = (detail: string): HeaderResult => ({ ok: false, reason: 'undecodable', detail });
const size = (width: number, height: number): HeaderResult =>
  width > 0 && height > 0 ? { ok: true, width, height } : bad(`declares a ${width}x${height} image`);

/** Offset of the last occurrence of `pattern` in b[from..], or -1. */
function lastIndexOf(b: Uint8Array, pattern: readonly number[], from: number): number {
  outer: for (let i = b.length - pattern.length; i >= from; i--) {
    for (let k = 0; k < pattern.length; k++) if (b[i + k] !== pattern[k]) continue outer;
    return i;
  }
  return -1;
}

/** An empty IEND chunk: length 0, then its type. */
const IEND = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44];

/**
 * PNG: the IHDR chunk comes first; a complete file ends with the 12-byte IEND chunk. Up to 1 KiB of
 * trailing bytes after it are tolerated (some tools append padding).
 */
function png(b: Uint8Array): HeaderResult {
  if (b.length < 33) return truncated('ends inside the PNG header');
  if (tag(b, 12) !== 'IHDR') return bad('has no IHDR chunk where PNG requires it');
  const end = lastIndexOf(b, IEND, Math.max(33, b.length - 1024 - 12));
  if (end < 0 || end + 12 > b.length) return truncated('is cut off (no PNG end chunk)');
  return size(u32be(b, 16), u32be(b, 20));
}

/**
 * JPEG: walks the marker segments to the frame header (SOFn), which gives the size, and on to the first
 * scan (SOS). A complete file has an end marker (FF D9) after that: inside compressed data an FF byte is
 * always followed by 00 or a restart marker, so FF D9 there can only be the end. Data appended after the
 * end (motion photos append a video) is fine.
 */
function jpeg(b: Uint8Array): HeaderResult {
  let i = 2;
  let frame: HeaderResult | null = null;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return bad(`has a broken JPEG marker at byte ${i}`);
    const marker = b[i + 1];
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    if (marker === 0xd9) return bad('ends before its image data');
    const length = u16be(b, i + 2);
    if (length < 2) return bad(`has a JPEG segment of length ${length}`);
    if (marker === 0xda) {
      if (!frame) return bad('has no JPEG frame header before its image data');
      for (let k = i + 2 + length; k + 1 < b.length; k++)
        if (b[k] === 0xff && b[k + 1] === 0xd9) return frame;
      return truncated('is cut off (no JPEG end marker)');
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (i + 9 > b.length) return truncated('ends inside the JPEG frame header');
      frame = size(u16be(b, i + 7), u16be(b, i + 5));
      if (!frame.ok) return frame;
    }
    i += 2 + length;
  }
  return truncated(frame ? 'ends before its image data' : 'ends before the JPEG frame header');
}

function gif(b: Uint8Array): HeaderResult {
  if (b.length < 13) return truncated('ends inside the GIF header');
  return size(u16le(b, 6), u16le(b, 8));
}

/** WebP: a RIFF container whose first chunk is lossy (VP8), lossless (VP8L) or extended (VP8X). */
function webp(b: Uint8Array): HeaderResult {
  if (b.length < 30) return truncated('ends inside the WebP header');
  if (u32le(b, 4) + 8 > b.length) return truncated(`is cut off (RIFF declares ${u32le(b, 4) + 8} bytes)`);
  const chunk = tag(b, 12);
  if (chunk === 'VP8X') return size(u24le(b, 24) + 1, u24le(b, 27) + 1);
  if (chunk === 'VP8L') {
    if (b[20] !== 0x2f) return bad('has a bad lossless WebP signature');
    const bits = u32le(b, 21);
    return size((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8 ') {
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return bad('has a bad lossy WebP start code');
    return size(u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff);
  }
  return bad(`has an unknown WebP chunk '${chunk.replace(/[^\x20-\x7e]/g, '?')}'`);
}

/** BMP: the file header declares the file size; the DIB header gives the size (height < 0: top-down). */
function bmp(b: Uint8Array): HeaderResult {
  if (b.length < 26) return truncated('ends inside the BMP header');
  const declared = u32le(b, 2);
  // Some writers leave the size field 0; only a non-zero size that exceeds the data is a truncation.
  if (declared > b.length) return truncated(`is cut off (BMP declares ${declared} bytes, has ${b.length})`);
  const dib = u32le(b, 14);
  if (dib === 12) return size(u16le(b, 18), u16le(b, 20));
  return size(Math.abs(i32le(b, 18)), Math.abs(i32le(b, 22)));
}

/** SVG: width/height attributes in px (or unitless), else the viewBox; 0x0 when it says neither. */
function svg(b: Uint8Array): HeaderResult {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(b.subarray(0, 8192));
  const open = /<svg\b[^>]*>/i.exec(head);
  if (!open) return truncated('ends before the end of its <svg> tag');
  const attr = (name: string): number => {
    const m = new RegExp(`\\s${name}\\s*=\\s*["']\\s*([0-9.]+)\\s*(px)?\\s*["']`, 'i').exec(open[0]);
    return m ? Number(m[1]) : NaN;
  };
  let width = attr('width');
  let height = attr('height');
  if (!(width > 0 && height > 0)) {
    const vb = /\sviewBox\s*=\s*["']\s*[-0-9.e]+[\s,]+[-0-9.e]+[\s,]+([0-9.e]+)[\s,]+([0-9.e]+)/i.exec(
      open[0],
    );
    width = vb ? Number(vb[1]) : 0;
    height = vb ? Number(vb[2]) : 0;
  }
  const ok = Number.isFinite(width) && Number.isFinite(height);
  return { ok: true, width: ok ? Math.round(width) : 0, height: ok ? Math.round(height) : 0 };
}

/** The image's declared pixel size, or why its header cannot be read. Never throws. */
export function readImageHeader(bytes: Uint8Array, mime: ImageMime): HeaderResult {
  switch (mime) {
    case 'image/png':
      return png(bytes);
    case 'image/jpeg':
      return jpeg(bytes);
    case 'image/gif':
      return gif(bytes);
    case 'image/webp':
      return webp(bytes);
    case 'image/bmp':
      return bmp(bytes);
    case 'image/svg+xml':
      return svg(bytes);
  }
}
