import { easeCubicInOut, scaleLinear, type ScaleLinear } from 'd3';
import type { PlotRect } from '../frame';

/**
 * Scales for the scatter that change slowly: the visible domain grows at once to take in points that
 * left it, shrinks only when the points use much less of it (hysteresis), and every change eases over
 * a few hundred ms. So axes do not jitter from refresh to refresh, yet nothing is ever off screen.
 */

/** [x0, x1, y0, y1] in layout units. */
export type Domain = readonly [number, number, number, number];

/** Bounding box of the finite points of xy ([m, 2]); null when there are none. */
export function layoutExtent(xy: Float32Array): Domain | null {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i + 1 < xy.length; i += 2) {
    const x = xy[i];
    const y = xy[i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return x0 <= x1 ? [x0, x1, y0, y1] : null;
}

/** Domain widened by `fraction` of its larger span on every side; a point becomes a unit box. */
export function padDomain(d: Domain, fraction: number): Domain {
  const span = Math.max(d[1] - d[0], d[3] - d[2]);
  const pad = span > 0 ? span * fraction : 0.5;
  return [d[0] - pad, d[1] + pad, d[2] - pad, d[3] + pad];
}

export function unionDomain(a: Domain, b: Domain): Domain {
  return [Math.min(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.max(a[3], b[3])];
}

const contains = (outer: Domain, inner: Domain): boolean =>
  inner[0] >= outer[0] && inner[1] <= outer[1] && inner[2] >= outer[2] && inner[3] <= outer[3];

/**
 * x and y scales onto `rect` with the same layout units per pixel on both axes (distances in the
 * picture mean the same in every direction); the domain is widened on the axis that has room to spare.
 */
export function equalAspectScales(
  d: Domain,
  rect: PlotRect,
): { x: ScaleLinear<number, number>; y: ScaleLinear<number, number> } {
  const w = Math.max(d[1] - d[0], 1e-9);
  const h = Math.max(d[3] - d[2], 1e-9);
  const unitsPerPx = Math.max(w / rect.width, h / rect.height);
  const cx = (d[0] + d[1]) / 2;
  const cy = (d[2] + d[3]) / 2;
  const hw = (unitsPerPx * rect.width) / 2;
  const hh = (unitsPerPx * rect.height) / 2;
  return {
    x: scaleLinear()
      .domain([cx - hw, cx + hw])
      .range([rect.x, rect.x + rect.width]),
    y: scaleLinear()
      .domain([cy - hh, cy + hh])
      .range([rect.y + rect.height, rect.y]),
  };
}

/** px = ax·x + bx, py = ay·y + by: a scale pair as four numbers, for the inner drawing loops and shaders. */
export interface PixelTransform {
  ax: number;
  bx: number;
  ay: number;
  by: number;
}

export function pixelTransform(
  x: ScaleLinear<number, number>,
  y: ScaleLinear<number, number>,
): PixelTransform {
  const bx = x(0);
  const by = y(0);
  return { ax: x(1) - bx, bx, ay: y(1) - by, by };
}

export interface DomainTrackerOptions {
  /** Padding around the points, as a fraction of their larger span (default 0.06). */
  padding?: number;
  /** Shrink only when the points span less than this fraction of the domain on both axes (default 0.6). */
  shrinkBelow?: number;
  /** Easing time of a domain change, ms (default 300). */
  durationMs?: number;
}

export interface DomainTracker {
  /** Offers the points' new extent at time `now` (ms); returns whether the domain will change. */
  update(extent: Domain, now: number): boolean;
  /** The domain to draw at time `now`. */
  at(now: number): Domain;
  /** True while easing. */
  moving(now: number): boolean;
}

export function createDomainTracker(options: DomainTrackerOptions = {}): DomainTracker {
  const padding = options.padding ?? 0.06;
  const shrinkBelow = options.shrinkBelow ?? 0.6;
  const duration = options.durationMs ?? 300;
  let from: Domain | null = null;
  let to: Domain | null = null;
  let start = 0;

  const at = (now: number): Domain => {
    if (!to) return [-1, 1, -1, 1];
    if (!from || duration <= 0) return to;
    const t = Math.min(1, Math.max(0, (now - start) / duration));
    if (t >= 1) return to;
    const e = easeCubicInOut(t);
    return [0, 1, 2, 3].map((k) => from![k] + (to![k] - from![k]) * e) as unknown as Domain;
  };

  return {
    at,
    moving: (now) => !!from && now - start < duration,
    update(extent, now) {
      const wanted = padDomain(extent, padding);
      if (!to) {
        to = wanted;
        return true;
      }
      const current = at(now);
      let next: Domain;
      if (!contains(to, extent)) next = unionDomain(to, wanted);
      else {
        const fx = (extent[1] - extent[0]) / (to[1] - to[0]);
        const fy = (extent[3] - extent[2]) / (to[3] - to[2]);
        if (fx < shrinkBelow && fy < shrinkBelow) next = wanted;
        else return false;
      }
      from = current;
      to = next;
      start = now;
      return true;
    },
  };
}
