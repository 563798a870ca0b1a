/**
 * Nearest neighbours of a selected pair in both modalities, for highlighting in the scatter. Computed on
 * the page from the snapshot's codes: n·d multiply-adds per query (a few microseconds at n = 512).
 */

/** Indices of the k rows of `codes` ([n, d]) with the highest cosine to `query` ([d]), best first; `skip` excluded. */
export function nearestRows(
  codes: Float32Array,
  d: number,
  query: Float32Array,
  k: number,
  skip = -1,
): number[] {
  const n = codes.length / d;
  const scores: { i: number; s: number }[] = [];
  for (let i = 0; i < n; i++) {
    if (i === skip) continue;
    let s = 0;
    for (let c = 0; c < d; c++) s += query[c] * codes[i * d + c];
    scores.push({ i, s });
  }
  scores.sort((a, b) => b.s - a.s);
  return scores.slice(0, k).map((x) => x.i);
}

/**
 * Scatter rows (image rows 0..n-1, caption rows n..2n-1) to emphasise for a selected pair: the k captions
 * nearest its image and the k images nearest its image (other than itself).
 */
export function neighbourRows(
  image: Float32Array,
  text: Float32Array,
  d: number,
  pair: number,
  k: number,
): number[] {
  const n = image.length / d;
  const q = image.subarray(pair * d, (pair + 1) * d);
  return [...nearestRows(image, d, q, k, pair), ...nearestRows(text, d, q, k).map((j) => n + j)];
}
