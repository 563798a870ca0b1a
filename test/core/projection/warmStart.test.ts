import { describe, it, expect } from 'vitest';
import { warmStartLayout } from '../../../src/core/projection/warmStart';
import type { FuzzyGraph } from '../../../src/core/projection/fuzzyGraph';

/** Four points on a square; edges 0-1 and 2-3 (both directions), weight 1. */
const graph: FuzzyGraph = {
  n: 4,
  head: Int32Array.from([0, 1, 2, 3]),
  tail: Int32Array.from([1, 0, 3, 2]),
  weight: Float32Array.from([1, 1, 1, 1]),
};
const pcaBefore = Float32Array.from([0, 0, 1, 0, 0, 1, 1, 1]);
// The UMAP layout is the PCA one rotated by 90 degrees, doubled and shifted: the frame map has scale 2.
const previous = Float64Array.from([5, 5, 5, 7, 3, 5, 3, 7]);

describe('warmStartLayout', () => {
  it('leaves the previous layout alone when the PCA layout did not move', () => {
    expect(Array.from(warmStartLayout({ previous, pcaBefore, pcaNow: pcaBefore, graph }))).toEqual(
      Array.from(previous),
    );
  });

  it('carries a PCA move into the UMAP frame (rotated and scaled), clusters moving as a whole', () => {
    // Points 2 and 3 (one cluster) move by +1 in PCA x; 0 and 1 stay.
    const pcaNow = Float32Array.from([0, 0, 1, 0, 1, 1, 2, 1]);
    const out = warmStartLayout({ previous, pcaBefore, pcaNow, graph, rounds: 1 });
    // PCA x maps to UMAP +y with scale 2: points 2 and 3 move by (0, 2) after averaging within their pair.
    expect(out[5] - previous[5]).toBeCloseTo(2, 6);
    expect(out[7] - previous[7]).toBeCloseTo(2, 6);
    expect(out[4]).toBeCloseTo(previous[4], 6);
    expect(out[1]).toBeCloseTo(previous[1], 6);
  });
});
