/**
 * The browser's ImageDecoder: WebCodecs' ImageDecoder where the browser has it (it decodes from the bytes
 * in hand, several times faster per picture than createImageBitmap, which first reads a Blob back through
 * the browser process), else createImageBitmap; both decode PNG, JPEG, WebP, GIF (first frame) and BMP
 * off the UI thread, then a canvas crops and scales. A picture with EXIF goes through createImageBitmap,
 * which turns it as its orientation tag says. SVG goes to `decodeSvg`, which the worker forwards to the
 * UI thread (workers cannot rasterise SVG).
 */
import {
  UnsupportedImageError,
  type DecodeOptions,
  type DecodedImage,
  type ImageDecoder,
  type ImageMime,
} from '../../core/data/import';
import { hasExif } from '../../core/data/import/embeddedExif';
import { drawDecoded } from './canvasDecode';

/** Whether WebCodecs decodes `mime` here (asked once per type). */
const webCodecsTypes = new Map<ImageMime, Promise<boolean>>();

function webCodecsDecodes(mime: ImageMime): Promise<boolean> {
  let known = webCodecsTypes.get(mime);
  if (!known) {
    known =
      typeof globalThis.ImageDecoder === 'function'
        ? globalThis.ImageDecoder.isTypeSupported(mime).catch(() => false)
        : Promise.resolve(false);
    webCodecsTypes.set(mime, known);
  }
  return known;
}

async function decodeWithWebCodecs(bytes: Uint8Array, mime: ImageMime, thumbnail: boolean) {
  const decoder = new globalThis.ImageDecoder({ data: bytes as Uint8Array<ArrayBuffer>, type: mime });
  try {
    const { image } = await decoder.decode({ frameIndex: 0 });
    try {
      return drawDecoded(image, image.displayWidth, image.displayHeight, thumbnail);
    } finally {
      image.close();
    }
  } finally {
    decoder.close();
  }
}

export function createBrowserDecoder(
  decodeSvg: (bytes: Uint8Array, options: DecodeOptions) => Promise<DecodedImage>,
): ImageDecoder {
  return {
    async decode(bytes: Uint8Array, mime: ImageMime, options: DecodeOptions = {}): Promise<DecodedImage> {
      if (mime === 'image/svg+xml') return decodeSvg(bytes, options);
      if (!hasExif(bytes, mime) && (await webCodecsDecodes(mime)))
        return decodeWithWebCodecs(bytes, mime, options.thumbnail === true);
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
