/**
 * The browser's ImageDecoder: createImageBitmap decodes PNG, JPEG, WebP, GIF (first frame) and BMP off
 * the UI thread, then a canvas crops and scales. SVG goes to `decodeSvg`, which the worker forwards to
 * the UI thread (workers cannot rasterise SVG).
 */
import {
  UnsupportedImageError,
  type DecodeOptions,
  type DecodedImage,
  type ImageDecoder,
  type ImageMime,
} from '../../core/data/import';
import { drawDecoded } from './canvasDecode';

export function createBrowserDecoder(
  decodeSvg: (bytes: Uint8Array, options: DecodeOptions) => Promise<DecodedImage>,
): ImageDecoder {
  return {
    async decode(bytes: Uint8Array, mime: ImageMime, options: DecodeOptions = {}): Promise<DecodedImage> {
      if (mime === 'image/svg+xml') return decodeSvg(bytes, options);
      if (typeof createImageBitmap !== 'function')
        throw new UnsupportedImageError('this browser cannot decode images off the page');
      const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }));
      try {
        return drawDecoded(bitmap, bitmap.width, bitmap.height, options.thumbnail === true);
      } finally {
        bitmap.close();
      }
    },
  };
}

/**
 * Rasterises an SVG on the UI thread through an <img> (which never runs an SVG's scripts or loads its
 * external resources), then draws it like any other picture. SVGs without a size are drawn square.
 */
export async function decodeSvgOnPage(bytes: Uint8Array, options: DecodeOptions = {}): Promise<DecodedImage> {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return drawDecoded(img, img.naturalWidth, img.naturalHeight, options.thumbnail === true);
  } finally {
    URL.revokeObjectURL(url);
  }
}
