/**
 * Centroid of each modality's points in the 2-D layout. The arrow between two of them is a picture of
 * that pair's modality gap; its length is in layout units, not the embedding's, so the measured gap
 * itself should come from the gap metrics (see ScatterOptions.gapLabel).
 */
export interface ModalityCentroids {
  image: [number, number];
  text: [number, number];
}

/** Mean of rows from..to-1 of xy, skipping non-finite points; null when none is finite. */
function blockMean(xy: Float32Array, from: number, to: number): [number, number] | null {
  let x = 0;
  let y = 0;
  let count = 0;
  for (let r = from; r < to; r++) {
    const px = xy[2 * r];
    const py = xy[2 * r + 1];
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    x += px;
    y += py;
    count++;
  }
  return count ? [x / count, y / count] : null;
}

/** The centroid of each of the `groups` blocks of n rows of xy ([groups · n, 2]); null if any block has no finite point. */
export function blockCentroids(xy: Float32Array, n: number, groups: number): [number, number][] | null {
  const out: [number, number][] = [];
  for (let g = 0; g < groups; g++) {
    const c = blockMean(xy, g * n, (g + 1) * n);
    if (!c) return null;
    out.push(c);
  }
  return out;
}

/** Mean of rows 0..n-1 and of rows n..2n-1 of xy ([2n, 2]), skipping non-finite points. */
export function modalityCentroids(xy: Float32Array, n: number): ModalityCentroids | null {
  const c = blockCentroids(xy, n, 2);
  return c ? { image: c[0], text: c[1] } : null;
}
