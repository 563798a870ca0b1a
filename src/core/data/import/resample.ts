/**
 * Fitting any picture to the model's input: the largest centred square is cropped (so nothing is
 * stretched) and averaged down by area (every source pixel counts, in proportion to how much of an
 * output pixel it covers), which avoids the aliasing of point sampling when a 4000-pixel photo becomes 32.
 * Transparent areas are composited onto white, the background emoji and icons are drawn for.
 */
import { IMAGE_LENGTH, IMAGE_SIZE } from '../pairs';

/** Output pixels -> contributing source indices and weights along one axis (weights sum to 1). */
function axisWeights(start: number, span: number, out: number): { index: number; weight: number }[][] {
  const scale = span / out;
  const table: { index: number; weight: number }[][] = [];
  for (let o = 0; o < out; o++) {
    const lo = start + o * scale;
    const hi = lo + scale;
    const row: { index: number; weight: number }[] = [];
    for (let s = Math.floor(lo); s < Math.ceil(hi); s++) {
      const overlap = Math.min(hi, s + 1) - Math.max(lo, s);
      if (overlap > 0) row.push({ index: s, weight: overlap / scale });
    }
    table.push(row);
  }
  return table;
}

/**
 * rgba: [height, width, 4] bytes, straight alpha. Returns [size, size, 4] floats in [0, 1] with
 * premultiplied colour (r, g, b already multiplied by alpha), the centre square area-averaged to `size`.
 * Averaging premultiplied colour keeps transparent pixels' arbitrary colour from bleeding into edges.
 */
export function resampleSquare(
  rgba: ArrayLike<number>,
  width: number,
  height: number,
  size: number,
): Float32Array {
  const side = Math.min(width, height);
  const xs = axisWeights((width - side) / 2, side, size);
  const ys = axisWeights((height - side) / 2, side, size);
  const out = new Float32Array(size * size * 4);
  for (let oy = 0; oy < size; oy++) {
    for (let ox = 0; ox < size; ox++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (const y of ys[oy] as { index: number; weight: number }[]) {
        for (const x of xs[ox] as { index: number; weight: number }[]) {
          const p = (y.index * width + x.index) * 4;
          const w = y.weight * x.weight;
          const alpha = rgba[p + 3] / 255;
          r += w * alpha * rgba[p];
          g += w * alpha * rgba[p + 1];
          b += w * alpha * rgba[p + 2];
          a += w * alpha;
        }
      }
      const q = (oy * size + ox) * 4;
      out[q] = r / 255;
      out[q + 1] = g / 255;
      out[q + 2] = b / 255;
      out[q + 3] = a;
    }
  }
  return out;
}

/** Premultiplied [size, size, 4] floats over a white background -> [size, size, 3] RGB in [0, 1]. */
export function overWhite(premultiplied: Float32Array): Float32Array {
  const n = premultiplied.length / 4;
  const out = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    const a = premultiplied[i * 4 + 3];
    for (let c = 0; c < 3; c++) out[i * 3 + c] = Math.min(1, premultiplied[i * 4 + c] + (1 - a));
  }
  return out;
}

/** The model's input from decoded RGBA bytes: [32, 32, 3] floats in [0, 1]. */
export function rgbaToInput(rgba: ArrayLike<number>, width: number, height: number): Float32Array {
  const out = overWhite(resampleSquare(rgba, width, height, IMAGE_SIZE));
  return out.length === IMAGE_LENGTH ? out : new Float32Array(IMAGE_LENGTH);
}

/** A thumbnail for the views: [size, size, 4] RGBA bytes (straight alpha), centre-cropped. */
export function rgbaThumbnail(
  rgba: ArrayLike<number>,
  width: number,
  height: number,
  size: number,
): Uint8ClampedArray {
  const pre = resampleSquare(rgba, width, height, size);
  const out = new Uint8ClampedArray(size * size * 4);
  for (let i = 0; i < size * size; i++) {
    const a = pre[i * 4 + 3];
    for (let c = 0; c < 3; c++) out[i * 4 + c] = a > 0 ? Math.round((pre[i * 4 + c] / a) * 255) : 0;
    out[i * 4 + 3] = Math.round(a * 255);
  }
  return out;
}
