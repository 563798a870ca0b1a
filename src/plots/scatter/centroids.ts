/**
 * Centroid of each modality's points in the 2-D layout. The arrow between them is a picture of the
 * modality gap; its length is in layout units, not the embedding's, so the measured gap itself should
 * come from the gap metrics (see ScatterOptions.gapLabel).
 */
export interface ModalityCentroids {
  image: [number, number];
  text: [number, number];
}

/** Mean of rows 0..n-1 and of rows n..2n-1 of xy ([2n, 2]), skipping non-finite points. */
export function modalityCentroids(xy: Float32Array, n: number): ModalityCentroids | null {
  const mean = (from: number, to: number): [number, number] | null => {
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
  };
  const image = mean(0, n);
  const text = mean(n, 2 * n);
  return image && text ? { image, text } : null;
}
