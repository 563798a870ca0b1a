import { quadtree, type Quadtree } from 'd3';
import type { PixelTransform } from './scatterScales';
import type { ScatterHit } from './scatterTypes';
import type { Modality } from '../theme';

/**
 * Nearest point to the pointer, in screen pixels, through a d3 quadtree over the drawn positions
 * (O(log m) per query; building it for 20,000 points takes a few ms, so it is rebuilt lazily when the
 * layout or the scales change, not every frame).
 */
export interface HitIndex {
  /** The nearest row within `radius` CSS px of (px, py), or null. */
  find(px: number, py: number, radius: number): ScatterHit | null;
}

/**
 * Index of the points of `xy` ([m·n, 2], layout units) as drawn through `t`; `blocks` names the
 * modality style of each block of n rows (default image, text).
 */
export function createHitIndex(
  xy: Float32Array,
  n: number,
  t: PixelTransform,
  blocks: readonly Modality[] = ['image', 'text'],
): HitIndex {
  const rows = xy.length / 2;
  const screen = new Float32Array(xy.length);
  const ids: number[] = [];
  for (let r = 0; r < rows; r++) {
    const x = t.ax * xy[2 * r] + t.bx;
    const y = t.ay * xy[2 * r + 1] + t.by;
    screen[2 * r] = x;
    screen[2 * r + 1] = y;
    if (Number.isFinite(x) && Number.isFinite(y)) ids.push(r);
  }
  const tree: Quadtree<number> = quadtree<number>()
    .x((r) => screen[2 * r])
    .y((r) => screen[2 * r + 1])
    .addAll(ids);
  return {
    find(px, py, radius) {
      const row = tree.find(px, py, radius);
      if (row === undefined) return null;
      const distance = Math.hypot(screen[2 * row] - px, screen[2 * row + 1] - py);
      const block = Math.floor(row / n);
      return { row, pair: row % n, block, modality: blocks[block] ?? 'image', distance };
    },
  };
}
