import { interpolateViridis, rgb } from 'd3';

/**
 * A spectrogram as an image: time runs left to right (one pixel column per frame), pitch bottom to top
 * (one pixel row per mel bin, the lowest bin on the bottom row, as in every audio editor), loudness as
 * colour on the viridis scale (dark = quiet, yellow = loud), which stays ordered in grey and under the
 * common colour-vision deficiencies.
 *
 * values: [frames, mels] row-major (frame f, bin m at f · mels + m), e.g. log-mel energies. The colour
 * scale spans the values' own min..max, so a quiet sound still shows its shape; non-finite values are
 * drawn transparent.
 */
export interface SpectrogramData {
  values: Float32Array;
  frames: number;
  mels: number;
}

/** Where value v falls between lo and hi, clamped to 0..1 (0.5 when the range is empty). */
export function spectrogramLevel(v: number, lo: number, hi: number): number {
  if (!(hi > lo)) return 0.5;
  return Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
}

/** The finite min and max of the values, or null when there is none. */
export function finiteRange(values: Float32Array): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

/** Pixel (x, y) of the image (y from the top) shows frame x, mel bin mels − 1 − y. */
export function spectrogramCell(x: number, y: number, mels: number): { frame: number; mel: number } {
  return { frame: x, mel: mels - 1 - y };
}

/**
 * RGBA bytes of the image: [mels rows, frames columns, 4], row 0 the highest bin. `colour` maps a level
 * in 0..1 to a CSS colour (default viridis).
 */
export function spectrogramRgba(
  data: SpectrogramData,
  colour: (t: number) => string = interpolateViridis,
): Uint8ClampedArray {
  const { values, frames, mels } = data;
  if (values.length !== frames * mels)
    throw new Error(`spectrogram: ${values.length} values, expected frames × mels = ${frames} × ${mels}`);
  const out = new Uint8ClampedArray(frames * mels * 4);
  const range = finiteRange(values);
  if (!range) return out;
  const [lo, hi] = range;
  // 256 colour steps: parsing a CSS colour per pixel would dominate the cost.
  const table = Array.from({ length: 256 }, (_, i) => rgb(colour(i / 255)));
  for (let y = 0; y < mels; y++) {
    for (let x = 0; x < frames; x++) {
      const { frame, mel } = spectrogramCell(x, y, mels);
      const v = values[frame * mels + mel];
      if (!Number.isFinite(v)) continue;
      const c = table[Math.round(spectrogramLevel(v, lo, hi) * 255)];
      const p = (y * frames + x) * 4;
      out[p] = c.r;
      out[p + 1] = c.g;
      out[p + 2] = c.b;
      out[p + 3] = 255;
    }
  }
  return out;
}

/**
 * Draws the spectrogram at its own resolution into `canvas` (frames × mels backing pixels); the page
 * scales the canvas with CSS (image-rendering: pixelated keeps each bin a crisp block). A canvas with no
 * 2D context (jsdom) is left blank.
 */
export function drawSpectrogram(canvas: HTMLCanvasElement, data: SpectrogramData): void {
  canvas.width = data.frames;
  canvas.height = data.mels;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(data.frames, data.mels);
  image.data.set(spectrogramRgba(data));
  ctx.putImageData(image, 0, 0);
}
