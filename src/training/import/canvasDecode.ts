/**
 * Drawing a decoded picture to the model's input and a thumbnail with a 2D canvas: centre square crop,
 * browser-quality downscaling, transparency over white for the input (as the runner's decoder does).
 * Works on an OffscreenCanvas in a worker and on the UI thread alike.
 */
import { IMAGE_LENGTH, IMAGE_SIZE } from '../../core/data/pairs';
import { THUMBNAIL_SIZE } from '../../core/data/import';

/** A decoded picture (ImageBitmap, VideoFrame, <img>); its size is passed beside it. */
type Source = CanvasImageSource;

/** One canvas per size, reused for every image: creating a canvas per image costs more than the drawing. */
const contexts = new Map<number, OffscreenCanvasRenderingContext2D>();

function context(size: number): OffscreenCanvasRenderingContext2D {
  let ctx = contexts.get(size);
  if (!ctx) {
    const created = new OffscreenCanvas(size, size).getContext('2d', { willReadFrequently: true });
    if (!created) throw new Error('no 2D canvas available');
    ctx = created;
    contexts.set(size, ctx);
  }
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.clearRect(0, 0, size, size);
  return ctx;
}

/** Draws the centre square of `source` (of size width x height) into a size x size canvas; returns RGBA. */
function drawSquare(
  source: Source,
  width: number,
  height: number,
  size: number,
  white: boolean,
): Uint8ClampedArray {
  const ctx = context(size);
  if (white) {
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, size, size);
  }
  const side = Math.min(width, height);
  if (side > 0) ctx.drawImage(source, (width - side) / 2, (height - side) / 2, side, side, 0, 0, size, size);
  else ctx.drawImage(source, 0, 0, size, size);
  return ctx.getImageData(0, 0, size, size).data;
}

/** [32, 32, 3] floats in [0, 1] and, when asked, a [64, 64, 4] RGBA thumbnail. */
export function drawDecoded(
  source: Source,
  width: number,
  height: number,
  thumbnail: boolean,
): { pixels: Float32Array; thumbnail?: Uint8ClampedArray } {
  const rgba = drawSquare(source, width, height, IMAGE_SIZE, true);
  const pixels = new Float32Array(IMAGE_LENGTH);
  for (let i = 0; i < IMAGE_SIZE * IMAGE_SIZE; i++) {
    for (let c = 0; c < 3; c++) pixels[i * 3 + c] = rgba[i * 4 + c] / 255;
  }
  return thumbnail
    ? { pixels, thumbnail: drawSquare(source, width, height, THUMBNAIL_SIZE, false) }
    : { pixels };
}
