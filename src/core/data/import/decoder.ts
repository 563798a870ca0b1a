/**
 * The seam between parsing (here, pure) and pixels (platform-specific). The browser decodes with
 * createImageBitmap and OffscreenCanvas in a worker; the headless runner with pure-JS decoders. Both
 * return the same thing: the model's input, and optionally a thumbnail for the views.
 */
import type { ImageMime } from './types';

/** Side of the thumbnails kept for the views, in pixels. */
export const THUMBNAIL_SIZE = 64;

export interface DecodedImage {
  /** [32, 32, 3] RGB in [0, 1], centre-cropped and area-averaged, transparency over white. */
  readonly pixels: Float32Array;
  /** [64, 64, 4] RGBA bytes, when the caller asked for thumbnails. */
  readonly thumbnail?: Uint8ClampedArray;
}

export interface DecodeOptions {
  readonly thumbnail?: boolean;
}

export interface ImageDecoder {
  /** Rejects (with an Error whose message says why) when the image cannot be decoded. */
  decode(bytes: Uint8Array, mime: ImageMime, options?: DecodeOptions): Promise<DecodedImage>;
}

/** The error a decoder throws for a type it cannot handle on its platform; reported as unsupported. */
export class UnsupportedImageError extends Error {}
