import type { MarkerKind } from '../theme';

/**
 * Marker geometry shared by the canvas, WebGL and SVG paths, so a point looks the same in every
 * renderer and in an export. `size` is the diameter of the circle marker in CSS pixels; the triangle
 * and the square have the same area, so no modality looks heavier than another.
 */

/** Circumradius of the equal-area, point-up equilateral triangle: r·sqrt(4π / (3√3)). */
export const TRIANGLE_CIRCUMRADIUS = Math.sqrt((4 * Math.PI) / (3 * Math.sqrt(3)));

/** Half the side of the square with the circle's area: r·√π / 2. */
export const SQUARE_HALF_SIDE = Math.sqrt(Math.PI) / 2;

/** [x0, y0, x1, y1, x2, y2]: apex up, centroid at (cx, cy), y growing downwards as on screen. */
export function triangleVertices(
  cx: number,
  cy: number,
  size: number,
): [number, number, number, number, number, number] {
  const r = (size / 2) * TRIANGLE_CIRCUMRADIUS;
  const h = (r * Math.sqrt(3)) / 2;
  return [cx, cy - r, cx - h, cy + r / 2, cx + h, cy + r / 2];
}

const f = (v: number): string => (Math.round(v * 100) / 100).toString();

/** SVG path data of one marker. */
export function markerPath(kind: MarkerKind, cx: number, cy: number, size: number): string {
  if (kind === 'triangle') {
    const [x0, y0, x1, y1, x2, y2] = triangleVertices(cx, cy, size);
    return `M${f(x0)},${f(y0)}L${f(x1)},${f(y1)}L${f(x2)},${f(y2)}Z`;
  }
  const r = size / 2;
  if (kind === 'square') {
    const h = r * SQUARE_HALF_SIDE;
    return `M${f(cx - h)},${f(cy - h)}H${f(cx + h)}V${f(cy + h)}H${f(cx - h)}Z`;
  }
  return `M${f(cx - r)},${f(cy)}a${f(r)},${f(r)} 0 1,0 ${f(2 * r)},0a${f(r)},${f(r)} 0 1,0 ${f(-2 * r)},0Z`;
}
