/**
 * Rasteriser for ShapeCaptions: one anti-aliased shape on a dark, slightly noisy background.
 *
 * Pure arithmetic on a Float32Array (no canvas), so a seed gives the same pixels in Node and in a worker.
 * Coordinates are continuous pixels: x right, y down, pixel (row i, column j) covers [j, j+1) x [i, i+1).
 * Anti-aliasing: each pixel near the shape is the mean of a 4x4 grid of point samples, each tested
 * against the shape exactly (circle by distance, the rest by an even-odd polygon test).
 */
import type { Rng } from '../../random/rng';
import { IMAGE_CHANNELS, IMAGE_SIZE } from '../pairs';
import { COLOUR_RGB, SHAPES, SIZE_RADIUS, positionCentre } from './attributes';
import type { ShapeAttributes, ShapeName } from './attributes';

/** Everything needed to draw one shape, in pixels and radians. */
export interface ShapeDrawing {
  shape: ShapeName;
  /** Centre in pixels. */
  cx: number;
  cy: number;
  /** Nominal radius in pixels; each shape scales it (see UNIT_SHAPES) so sizes look alike across shapes. */
  radius: number;
  /** Clockwise rotation on screen, radians. */
  rotation: number;
  /** RGB in [0, 1]. */
  rgb: readonly [number, number, number];
}

/** Supersamples per pixel side (4x4 = 16 samples): enough for smooth edges at 32 px. */
const SUPERSAMPLE = 4;
/** Shapes are kept this many pixels inside the border so none is clipped. */
const BORDER_MARGIN = 0.5;

/** Jitter ranges (half-widths of uniform distributions). */
export const JITTER = { centre: 1, sizeFraction: 0.06, colour: 0.05, rotationDeg: 8 } as const;

/** Regular star with `points` tips: outer radius 1 scaled by `outer`, inner radius `inner`, tip up. */
function star(points: number, outer: number, inner: number): number[] {
  const xy: number[] = [];
  for (let k = 0; k < 2 * points; k++) {
    const r = k % 2 === 0 ? outer : inner;
    const a = -Math.PI / 2 + (k * Math.PI) / points;
    xy.push(r * Math.cos(a), r * Math.sin(a));
  }
  return xy;
}

/**
 * Outlines in units of the nominal radius, as flat [x0, y0, x1, y1, ...] (y down). The scale factors make
 * shapes of one size look equally big (areas 2.5-3.1 r^2; the circle's is 3.14 r^2), and keep the thin
 * parts (star tips, cross arms) about 2 px wide at the small size so they survive at 32 px. The circle
 * has no outline: it is tested exactly by distance.
 */
const UNIT_SHAPES: Readonly<Record<Exclude<ShapeName, 'circle'>, readonly number[]>> = {
  square: [-0.88, -0.88, 0.88, -0.88, 0.88, 0.88, -0.88, 0.88],
  // Equilateral, tip up, circumradius 1.4, shifted down by a quarter of it so its bounding box is centred.
  triangle: [0, -1.05, 1.2124, 1.05, -1.2124, 1.05],
  // Taller than wide, so it never reads as a slightly rotated square.
  diamond: [0, -1.35, 1.0, 0, 0, 1.35, -1.0, 0],
  // Fatter than a geometric star (inner/outer 0.44, not 0.38): thin tips vanish at the small size.
  star: star(5, 1.4, 0.62),
  cross: [
    -0.34, -1.2, 0.34, -1.2, 0.34, -0.34, 1.2, -0.34, 1.2, 0.34, 0.34, 0.34, 0.34, 1.2, -0.34, 1.2, -0.34,
    0.34, -1.2, 0.34, -1.2, -0.34, -0.34, -0.34,
  ],
};

/** The drawing's outline in pixel coordinates (flat xy pairs), or null for a circle. */
export function outline(d: ShapeDrawing): number[] | null {
  if (d.shape === 'circle') return null;
  const unit = UNIT_SHAPES[d.shape];
  const cos = Math.cos(d.rotation);
  const sin = Math.sin(d.rotation);
  const xy: number[] = [];
  for (let k = 0; k < unit.length; k += 2) {
    const u = unit[k] * d.radius;
    const v = unit[k + 1] * d.radius;
    xy.push(d.cx + u * cos - v * sin, d.cy + u * sin + v * cos);
  }
  return xy;
}

/** Axis-aligned bounding box [xMin, yMin, xMax, yMax] of the drawn shape, pixels. */
export function bounds(d: ShapeDrawing): [number, number, number, number] {
  const xy = outline(d);
  if (xy === null) return [d.cx - d.radius, d.cy - d.radius, d.cx + d.radius, d.cy + d.radius];
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let k = 0; k < xy.length; k += 2) {
    const x = xy[k];
    const y = xy[k + 1];
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  }
  return box;
}

/**
 * Where and how to draw an item: the grid-cell centre, nominal radius and base colour of its attributes,
 * plus uniform jitter from `rng` (centre ±1 px, size ±6%, colour ±0.05 per channel, rotation ±8°).
 * A large shape in an edge cell would overhang the border (a 6.5 px radius exceeds the 5.3 px from a
 * corner cell's centre to the edge), so the centre is then moved inward just enough to fit; it stays in
 * its cell. Draws exactly 7 numbers from `rng`, whatever the attributes.
 */
export function drawingFor(a: ShapeAttributes, rng: Rng | null, imageSize = IMAGE_SIZE): ShapeDrawing {
  const jitter = (halfWidth: number): number => (rng === null ? 0 : rng.uniform(-halfWidth, halfWidth));
  const [x, y] = positionCentre(a.position, imageSize);
  const base = COLOUR_RGB[a.colour];
  const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));
  const d: ShapeDrawing = {
    shape: SHAPES[a.shape],
    cx: x + jitter(JITTER.centre),
    cy: y + jitter(JITTER.centre),
    radius: SIZE_RADIUS[a.size] * (1 + jitter(JITTER.sizeFraction)),
    rotation: (jitter(JITTER.rotationDeg) * Math.PI) / 180,
    rgb: [
      clamp01(base[0] + jitter(JITTER.colour)),
      clamp01(base[1] + jitter(JITTER.colour)),
      clamp01(base[2] + jitter(JITTER.colour)),
    ],
  };
  const [x0, y0, x1, y1] = bounds(d);
  const lo = BORDER_MARGIN;
  const hi = imageSize - BORDER_MARGIN;
  d.cx += Math.max(0, lo - x0) - Math.max(0, x1 - hi);
  d.cy += Math.max(0, lo - y0) - Math.max(0, y1 - hi);
  return d;
}

/** Even-odd rule: is (x, y) inside the closed polygon `xy` (flat pairs)? */
function insidePolygon(xy: readonly number[], x: number, y: number): boolean {
  let inside = false;
  const n = xy.length;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    const xi = xy[i];
    const yi = xy[i + 1];
    const xj = xy[j];
    const yj = xy[j + 1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Draws one image into `out` at float offset `offset` ([imageSize, imageSize, 3], row-major, RGB):
 * a flat grey `background` level, the shape blended by its per-pixel coverage, then Gaussian noise of
 * standard deviation `noise` on every value (from `noiseRng`; none drawn when noise is 0), clamped to [0, 1].
 */
export function renderImage(
  out: Float32Array,
  offset: number,
  d: ShapeDrawing,
  background: number,
  noise: number,
  noiseRng: Rng | null,
  imageSize = IMAGE_SIZE,
): void {
  const length = imageSize * imageSize * IMAGE_CHANNELS;
  out.fill(background, offset, offset + length);

  const poly = outline(d);
  const r2 = d.radius * d.radius;
  const [x0, y0, x1, y1] = bounds(d);
  const jMin = Math.max(0, Math.floor(x0));
  const jMax = Math.min(imageSize - 1, Math.floor(x1));
  const iMin = Math.max(0, Math.floor(y0));
  const iMax = Math.min(imageSize - 1, Math.floor(y1));
  const step = 1 / SUPERSAMPLE;
  for (let i = iMin; i <= iMax; i++) {
    for (let j = jMin; j <= jMax; j++) {
      let hits = 0;
      for (let si = 0; si < SUPERSAMPLE; si++) {
        const y = i + (si + 0.5) * step;
        for (let sj = 0; sj < SUPERSAMPLE; sj++) {
          const x = j + (sj + 0.5) * step;
          const hit = poly === null ? (x - d.cx) ** 2 + (y - d.cy) ** 2 <= r2 : insidePolygon(poly, x, y);
          if (hit) hits++;
        }
      }
      if (hits === 0) continue;
      const coverage = hits / (SUPERSAMPLE * SUPERSAMPLE);
      const p = offset + (i * imageSize + j) * IMAGE_CHANNELS;
      for (let c = 0; c < IMAGE_CHANNELS; c++) {
        out[p + c] = background + coverage * (d.rgb[c] - background);
      }
    }
  }

  if (noise > 0 && noiseRng !== null) addGaussianNoise(out, offset, offset + length, noise, noiseRng);
}

/**
 * Adds N(0, std^2) to out[start, end), clamped to [0, 1]. Marsaglia's polar method, inlined: the noise is
 * most of the generation time (3072 values per image) and this is ~2x faster than `Rng.normal`, which pays
 * for a sine and a cosine per pair. Each accepted pair gives two samples.
 */
function addGaussianNoise(out: Float32Array, start: number, end: number, std: number, rng: Rng): void {
  let p = start;
  while (p < end) {
    let x: number;
    let y: number;
    let q: number;
    do {
      // Both coordinates from one 32-bit draw (16 bits each, centred so never exactly 0): halves the
      // generator calls, and 16 bits is far finer than the noise needs.
      const u = rng.uint32();
      x = ((u & 0xffff) + 0.5) / 32768 - 1;
      y = ((u >>> 16) + 0.5) / 32768 - 1;
      q = x * x + y * y;
    } while (q >= 1);
    const m = std * Math.sqrt((-2 * Math.log(q)) / q);
    const a = out[p] + x * m;
    out[p++] = a < 0 ? 0 : a > 1 ? 1 : a;
    if (p < end) {
      const b = out[p] + y * m;
      out[p++] = b < 0 ? 0 : b > 1 ? 1 : b;
    }
  }
}
