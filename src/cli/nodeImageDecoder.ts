/**
 * Decoding imported images in Node for the headless runner, with pure-JS decoders: PNG (pngjs) and
 * JPEG (jpeg-js). GIF, WebP, BMP and SVG are not supported here (no well-kept pure-JS decoder for them):
 * they are reported as unsupported by the headless runner; the app decodes all six in the browser.
 */
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import {
  THUMBNAIL_SIZE,
  UnsupportedImageError,
  rgbaThumbnail,
  rgbaToInput,
  type DecodeOptions,
  type DecodedImage,
  type ImageDecoder,
  type ImageMime,
} from '../core/data/import';

/** Limits jpeg-js enforces itself while decoding (the header check has already bounded the size). */
const JPEG_MAX_MEGAPIXELS = 100;
const JPEG_MAX_MEMORY_MB = 1024;

function rgbaOf(bytes: Uint8Array, mime: ImageMime): { data: Uint8Array; width: number; height: number } {
  switch (mime) {
    case 'image/png': {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { data: png.data, width: png.width, height: png.height };
    }
    case 'image/jpeg': {
      const img = jpeg.decode(bytes, {
        useTArray: true,
        formatAsRGBA: true,
        maxResolutionInMP: JPEG_MAX_MEGAPIXELS,
        maxMemoryUsageInMB: JPEG_MAX_MEMORY_MB,
      });
      return { data: img.data, width: img.width, height: img.height };
    }
    default:
      throw new UnsupportedImageError(
        `is ${mime.replace('image/', '').replace('+xml', '').toUpperCase()}, which the headless runner cannot decode (PNG and JPEG only; the app reads it)`,
      );
  }
}

function decodeNow(bytes: Uint8Array, mime: ImageMime, options: DecodeOptions): DecodedImage {
  const { data, width, height } = rgbaOf(bytes, mime);
  if (data.length < width * height * 4) throw new Error('the decoder returned too few pixels');
  return {
    pixels: rgbaToInput(data, width, height),
    ...(options.thumbnail ? { thumbnail: rgbaThumbnail(data, width, height, THUMBNAIL_SIZE) } : {}),
  };
}

/** Decodes in this thread; a file it cannot read is a rejected promise, as from the browser's decoder. */
export const nodeImageDecoder: ImageDecoder = {
  decode: (bytes, mime, options = {}) => new Promise((resolve) => resolve(decodeNow(bytes, mime, options))),
};
