import { describe, expect, it } from 'vitest';
import { embeddings, type Embeddings } from '../../../src/core/metrics/embeddings';
import { uniformity, UNIFORMITY_MAX_POINTS } from '../../../src/core/metrics/alignmentUniformity';

/** The plain definition, one float64 dot per pair in k order, terms summed in (i, j) order. */
function referenceUniformity(u: Embeddings, t = 2): number {
  const n = Math.min(u.n, UNIFORMITY_MAX_POINTS);
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let c = 0;
      for (let k = 0; k < u.d; k++) c += u.data[i * u.d + k] * u.data[j * u.d + k];
      s += Math.exp(-t * Math.max(0, 2 - 2 * c));
    }
  }
  return Math.log(s / ((n * (n - 1)) / 2));
}

function unitRows(n: number, d: number, seed: number): Embeddings {
  let s = seed >>> 0;
  const r = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5;
  const a = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let k = 0; k < d; k++) norm += (a[i * d + k] = r()) ** 2;
    for (let k = 0; k < d; k++) a[i * d + k] /= Math.sqrt(norm);
  }
  return embeddings(a, d);
}

describe('uniformity', () => {
  it.each([
    [2, 3],
    [5, 2],
    [38, 7],
    [64, 32],
  ])('equals the plain pairwise sum bit for bit (n=%i, d=%i)', (n, d) => {
    const u = unitRows(n, d, n * 31 + d);
    expect(uniformity(u)).toBe(referenceUniformity(u));
    expect(uniformity(u, 0.5)).toBe(referenceUniformity(u, 0.5));
  });

  it('sums each cosine in k order, which decides the last bits when large terms cancel', () => {
    // Rows (±2^20, ±2^20, small...): half the pairs cancel 2^40 − 2^40 before the small terms are added
    // (in k order), so a sum taken in another order would round the small terms away.
    const n = 9;
    const d = 6;
    const small = unitRows(n, d - 2, 5);
    const a = new Float32Array(n * d);
    for (let i = 0; i < n; i++) {
      a[i * d] = (i & 1 ? -1 : 1) * 2 ** 20;
      a[i * d + 1] = (i & 2 ? -1 : 1) * 2 ** 20;
      a.set(small.data.subarray(i * (d - 2), (i + 1) * (d - 2)), i * d + 2);
    }
    const u = embeddings(a, d);
    expect(uniformity(u, 0.5)).toBe(referenceUniformity(u, 0.5));
    expect(Number.isFinite(uniformity(u, 0.5))).toBe(true);
  });
});
