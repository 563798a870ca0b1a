import { describe, it, expect } from 'vitest';
import { createProjector, stackPairs } from '../../../src/core/projection/projector';
import { createRng } from '../../../src/core/random/rng';

const D = 16;

/**
 * n pairs: image rows in two well-separated clusters (by pair index parity), caption rows next to their
 * images. Returns [2n, D] in the projector's layout (images, then captions).
 */
function twoClusters(n: number, seed = 1, jitter = 0.3): Float32Array {
  const rng = createRng(seed);
  const centre = (c: number): number[] => Array.from({ length: D }, (_, j) => (j === 0 ? (c ? 8 : -8) : 0));
  const image = new Float32Array(n * D);
  const text = new Float32Array(n * D);
  for (let i = 0; i < n; i++) {
    const c = centre(i % 2);
    for (let j = 0; j < D; j++) {
      image[i * D + j] = c[j] + jitter * rng.normal();
      text[i * D + j] = image[i * D + j] + 0.1 * rng.normal();
    }
  }
  return stackPairs(image, text);
}

/** Layout extent: the diagonal of the bounding box. */
function extent(xy: Float32Array): number {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < xy.length; i += 2) {
    x0 = Math.min(x0, xy[i]);
    x1 = Math.max(x1, xy[i]);
    y0 = Math.min(y0, xy[i + 1]);
    y1 = Math.max(y1, xy[i + 1]);
  }
  return Math.hypot(x1 - x0, y1 - y0);
}

function meanDisplacement(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i += 2) s += Math.hypot(a[i] - b[i], a[i + 1] - b[i + 1]);
  return s / (a.length / 2);
}

describe('createProjector: UMAP', () => {
  const n = 100;
  const data = twoClusters(n);

  it('is deterministic: the same seed gives an identical layout', () => {
    const a = createProjector({ seed: 3 }).project('umap', data, n, D, false);
    const b = createProjector({ seed: 3 }).project('umap', data, n, D, false);
    expect(a).toHaveLength(4 * n);
    expect(a).toEqual(b);
    expect(createProjector({ seed: 4 }).project('umap', data, n, D, false)).not.toEqual(a);
  });

  it('separates two well-separated clusters', () => {
    const xy = createProjector().project('umap', data, n, D, false);
    // Cluster of row r: parity of its pair index.
    const cluster = (r: number): number => (r % n) % 2;
    const centroid = [0, 1].map((c) => {
      let x = 0;
      let y = 0;
      let count = 0;
      for (let r = 0; r < 2 * n; r++)
        if (cluster(r) === c) {
          x += xy[2 * r];
          y += xy[2 * r + 1];
          count++;
        }
      return [x / count, y / count] as const;
    });
    const between = Math.hypot(centroid[0][0] - centroid[1][0], centroid[0][1] - centroid[1][1]);
    for (let r = 0; r < 2 * n; r++) {
      const own = centroid[cluster(r)];
      const other = centroid[1 - cluster(r)];
      const dOwn = Math.hypot(xy[2 * r] - own[0], xy[2 * r + 1] - own[1]);
      const dOther = Math.hypot(xy[2 * r] - other[0], xy[2 * r + 1] - other[1]);
      expect(dOwn).toBeLessThan(dOther);
      expect(dOwn).toBeLessThan(between / 3);
    }
  });

  it('keeps a warm refresh of slightly moved embeddings close to the previous layout', () => {
    const p = createProjector();
    const before = p.project('umap', data, n, D, false);
    const rng = createRng(8);
    const moved = data.map((v) => v + 0.03 * rng.normal());
    const after = p.project('umap', moved, n, D, true);
    expect(meanDisplacement(before, after) / extent(before)).toBeLessThan(0.05);
    // A cold fit of the same moved data is free to land anywhere: the warm path is what keeps it still.
    const cold = createProjector({ seed: 2 }).project('umap', moved, n, D, false);
    expect(meanDisplacement(before, cold)).toBeGreaterThan(meanDisplacement(before, after));
  });

  it('follows a closing modality gap across warm refreshes, as a fresh fit would show it', () => {
    // 12 meanings; every image row is offset one way and every caption row another, by `gap`.
    const pairs = 150;
    const d = 16;
    const rng = createRng(5);
    const meanings = Array.from({ length: 12 }, () => Array.from({ length: d }, () => rng.normal()));
    const offsets = [0, 1].map(() => Array.from({ length: d }, () => rng.normal()));
    const noise = Float32Array.from({ length: 2 * pairs * d }, () => rng.normal());
    const make = (gap: number): Float32Array =>
      Float32Array.from({ length: 2 * pairs * d }, (_, k) => {
        const r = Math.floor(k / d);
        return meanings[(r % pairs) % 12][k % d] + 0.45 * noise[k] + gap * offsets[r < pairs ? 0 : 1][k % d];
      });
    /** Mean image-to-caption distance over the layout's diagonal. */
    const pairSpread = (xy: Float32Array): number => {
      let s = 0;
      for (let i = 0; i < pairs; i++)
        s += Math.hypot(xy[2 * i] - xy[2 * (pairs + i)], xy[2 * i + 1] - xy[2 * (pairs + i) + 1]);
      return s / pairs / extent(xy);
    };
    const p = createProjector();
    const start = pairSpread(p.project('umap', make(1.2), pairs, d, false));
    let xy: Float32Array = new Float32Array(0);
    for (let step = 1; step <= 6; step++)
      xy = p.project('umap', make(1.2 - (0.9 * step) / 6), pairs, d, true);
    // Starting from the previous layout alone, this stayed at ~100% of the start (clusters frozen in place).
    expect(pairSpread(xy)).toBeLessThan(start * 0.6);
  });

  it('starts cold when asked, or when the shape changes', () => {
    const p = createProjector();
    const first = p.project('umap', data, n, D, false);
    expect(p.project('umap', data, n, D, false)).toEqual(first);
    const smaller = twoClusters(60, 2);
    expect(p.project('umap', smaller, 60, D, true)).toEqual(
      createProjector().project('umap', smaller, 60, D, false),
    );
  });

  it('rejects malformed input with a message', () => {
    const p = createProjector();
    expect(() => p.project('umap', new Float32Array(10), 3, 2, false)).toThrow(/expected \[2n=6, d=2\]/);
    const bad = data.slice();
    bad[5] = NaN;
    expect(() => p.project('umap', bad, n, D, false)).toThrow(/not finite/);
  });
});

describe('createProjector: PCA', () => {
  it('aligns a refresh to the previous layout (no flips or spins between steps)', () => {
    const n = 80;
    const data = twoClusters(n, 5, 1);
    const p = createProjector();
    const before = p.project('pca', data, n, D, false);
    const rng = createRng(2);
    const after = p.project(
      'pca',
      data.map((v) => v + 0.02 * rng.normal()),
      n,
      D,
      true,
    );
    expect(meanDisplacement(before, after) / extent(before)).toBeLessThan(0.02);
    // PCA keeps the embedding's units: the first axis spans the ±8 cluster offset.
    expect(extent(before)).toBeGreaterThan(16);
  });
});
