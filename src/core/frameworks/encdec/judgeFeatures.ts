import { IMAGE_CHANNELS, IMAGE_LENGTH, IMAGE_SIZE } from '../../data/pairs';

/**
 * What the attribute judge reads of an image: features that separate the four questions it answers, so
 * that each answer generalises to combinations it was not trained on and to the blurrier images a
 * decoder draws.
 *
 *   shape: the foreground mask, resampled on a CROP x CROP grid centred on its centroid and spanning
 *          a window proportional to the square root of its area: free of position and size (small
 *          shapes are magnified, so the three sizes teach one silhouette) and of colour (a purple star
 *          and a red star give the same mask);
 *   size:  the mask's area; colour: the mean RGB of its core; position: its centroid.
 *
 * The mask is each pixel's brightest channel above the background level (the median over the image,
 * which is background in every ShapeCaptions picture), divided by the brightest pixel's value, so a
 * faint generated shape gives the same mask as a vivid real one.
 */

/** Samples per side of the shape window. */
export const CROP = 16;
/**
 * Half-width of the window in units of √area. Every ShapeCaptions outline has area 2.5-3.14 r² for a
 * nominal radius r and reaches at most 1.4 r from its centre (the star's tips); 1.1 √area ≥ 1.74 r.
 */
const WINDOW = 1.1;
/** Features per image: the crop, then area, centroid x and y, and RGB. */
export const JUDGE_FEATURES = CROP * CROP + 6;
/**
 * Which features each ShapeCaptions attribute is judged from, as [start, end) ranges of the feature
 * vector. Keeping them apart is what lets the judge generalise: the colour head cannot learn that
 * stars are never purple in training (they are a held-out combination) when it sees no shape at all.
 * Attributes not listed read every feature.
 */
export const FEATURE_GROUPS: Readonly<Record<string, readonly [number, number][]>> = {
  shape: [[0, CROP * CROP + 1]],
  size: [[CROP * CROP, CROP * CROP + 1]],
  position: [[CROP * CROP + 1, CROP * CROP + 3]],
  colour: [[CROP * CROP + 3, CROP * CROP + 6]],
};

/** Below this contrast an image counts as empty: all-zero mask features. */
const MIN_CONTRAST = 0.05;

/** Writes the judge features of images[i] ([32, 32, 3] in [0, 1]) to out[offset..offset + JUDGE_FEATURES). */
export function judgeFeaturesOf(image: Float32Array, out: Float32Array, offset: number): void {
  const n = IMAGE_SIZE * IMAGE_SIZE;
  const value = new Float32Array(n);
  for (let p = 0; p < n; p++) {
    const q = p * IMAGE_CHANNELS;
    value[p] = Math.max(image[q], image[q + 1], image[q + 2]);
  }
  const sorted = Float32Array.from(value).sort();
  const background = sorted[n >> 1];
  const contrast = sorted[n - 1] - background;
  out.fill(0, offset, offset + JUDGE_FEATURES);
  if (contrast < MIN_CONTRAST) return;

  const mask = new Float32Array(n);
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let p = 0; p < n; p++) {
    const m = Math.min(1, Math.max(0, (value[p] - background) / contrast));
    mask[p] = m;
    area += m;
    cx += m * ((p % IMAGE_SIZE) + 0.5);
    cy += m * (Math.floor(p / IMAGE_SIZE) + 0.5);
  }
  cx /= area;
  cy /= area;

  // Bilinear samples of the mask (0 outside the image) at the window's grid points.
  const at = (x: number, y: number): number =>
    x >= 0 && x < IMAGE_SIZE && y >= 0 && y < IMAGE_SIZE ? mask[y * IMAGE_SIZE + x] : 0;
  const step = (2 * WINDOW * Math.sqrt(area)) / CROP;
  for (let i = 0; i < CROP; i++) {
    // Pixel centres sit at k + 0.5, so a continuous coordinate u falls between pixels ⌊u − 0.5⌋ and the next.
    const v = cy + (i + 0.5 - CROP / 2) * step - 0.5;
    const y0 = Math.floor(v);
    const fy = v - y0;
    for (let j = 0; j < CROP; j++) {
      const u = cx + (j + 0.5 - CROP / 2) * step - 0.5;
      const x0 = Math.floor(u);
      const fx = u - x0;
      out[offset + i * CROP + j] =
        (1 - fy) * ((1 - fx) * at(x0, y0) + fx * at(x0 + 1, y0)) +
        fy * ((1 - fx) * at(x0, y0 + 1) + fx * at(x0 + 1, y0 + 1));
    }
  }

  // Colour from the core only (mask > 0.5): anti-aliased rims are mixed with the background.
  const rgb = [0, 0, 0];
  let core = 0;
  for (let p = 0; p < n; p++) {
    if (mask[p] <= 0.5) continue;
    core++;
    for (let c = 0; c < 3; c++) rgb[c] = rgb[c] + image[p * IMAGE_CHANNELS + c];
  }
  const f = offset + CROP * CROP;
  // Scaled to about [0, 1] like the mask: area in hundreds of pixels, centroid in image widths.
  out[f] = area / 100;
  out[f + 1] = cx / IMAGE_SIZE;
  out[f + 2] = cy / IMAGE_SIZE;
  for (let c = 0; c < 3; c++) out[f + 3 + c] = core > 0 ? rgb[c] / core : 0;
}

/** Judge features of n images ([n, 32, 32, 3]). Returns [n, JUDGE_FEATURES]. */
export function judgeFeatures(images: Float32Array): Float32Array {
  const n = images.length / IMAGE_LENGTH;
  const out = new Float32Array(n * JUDGE_FEATURES);
  for (let i = 0; i < n; i++) {
    judgeFeaturesOf(images.subarray(i * IMAGE_LENGTH, (i + 1) * IMAGE_LENGTH), out, i * JUDGE_FEATURES);
  }
  return out;
}
