// @vitest-environment jsdom
import { describe, it, expect } from 'vitest';
import { createGlide } from '../../src/plots/scatter/glide';
import { createHitIndex } from '../../src/plots/scatter/hitTest';
import { createDomainTracker, equalAspectScales, layoutExtent } from '../../src/plots/scatter/scatterScales';
import {
  interleavedOrder,
  pointStyles,
  styleColours,
  styleMarker,
  STYLE_COUNT,
} from '../../src/plots/scatter/pointStyle';
import { drawPointsCanvas, type Canvas2dLike } from '../../src/plots/scatter/canvasPoints';
import { clipTransform, spriteSize } from '../../src/plots/scatter/webglPoints';
import { markerPath, triangleVertices } from '../../src/plots/scatter/markers';
import type { PointFrame } from '../../src/plots/scatter/pointRenderer';

describe('glide', () => {
  it('interpolates with easing from the previous layout, then lands exactly', () => {
    const g = createGlide(300, (t) => t); // linear easing: values are hand-computable
    g.to(Float32Array.from([0, 0, 10, 10]), 0);
    expect(Array.from(g.at(0))).toEqual([0, 0, 10, 10]); // the first layout is shown at once
    g.to(Float32Array.from([30, 0, 10, 40]), 1000);
    expect(Array.from(g.at(1100))).toEqual([10, 0, 10, 20]);
    expect(g.moving(1100)).toBe(true);
    expect(Array.from(g.at(1300))).toEqual([30, 0, 10, 40]);
    expect(g.moving(1300)).toBe(false);
  });

  it('retargets from where the points are, without jumping back', () => {
    const g = createGlide(100, (t) => t);
    g.to(Float32Array.from([0, 0]), 0);
    g.to(Float32Array.from([10, 0]), 0);
    expect(g.at(50)[0]).toBe(5);
    g.to(Float32Array.from([5, 10]), 50);
    expect(Array.from(g.at(50))).toEqual([5, 0]);
    expect(Array.from(g.at(100))).toEqual([5, 5]);
  });

  it('snaps when the number of points changes', () => {
    const g = createGlide(300);
    g.to(Float32Array.from([0, 0]), 0);
    g.to(Float32Array.from([1, 2, 3, 4]), 10);
    expect(Array.from(g.at(11))).toEqual([1, 2, 3, 4]);
  });
});

describe('hit test', () => {
  const xy = Float32Array.from([0, 0, 10, 0, 0, 10, 10, 10]); // n = 2: images (0,0),(10,0); captions (0,10),(10,10)
  const t = { ax: 10, bx: 5, ay: -10, by: 200 }; // px = 10x + 5, py = 200 - 10y

  it('returns the nearest point within the radius, with its pair and modality', () => {
    const index = createHitIndex(xy, 2, t);
    expect(index.find(104, 98, 6)).toMatchObject({ row: 3, pair: 1, modality: 'text' });
    expect(index.find(104, 98, 6)!.distance).toBeCloseTo(Math.hypot(1, 2));
    expect(index.find(7, 199, 6)).toMatchObject({ row: 0, pair: 0, modality: 'image' });
    expect(index.find(55, 150, 6)).toBeNull();
  });
});

describe('domain tracker', () => {
  it('grows at once to keep points visible, holds still for small changes, shrinks when far too big', () => {
    const d = createDomainTracker({ padding: 0, shrinkBelow: 0.6, durationMs: 100 });
    d.update([0, 10, 0, 10], 0);
    expect(d.at(0)).toEqual([0, 10, 0, 10]);
    expect(d.update([1, 9, 1, 9], 10)).toBe(false); // 80% of the span: keep
    expect(d.update([0, 12, 0, 10], 20)).toBe(true); // union
    expect(d.at(120)).toEqual([0, 12, 0, 10]);
    expect(d.at(70)[1]).toBeGreaterThan(10);
    expect(d.at(70)[1]).toBeLessThan(12);
    expect(d.update([2, 4, 2, 4], 200)).toBe(true); // 17%: shrink to fit
    expect(d.at(300)).toEqual([2, 4, 2, 4]);
  });

  it('scales with equal units per pixel on both axes', () => {
    const { x, y } = equalAspectScales([0, 10, 0, 2], { x: 0, y: 0, width: 200, height: 100 });
    expect(x(1) - x(0)).toBeCloseTo(20);
    expect(y(0) - y(1)).toBeCloseTo(20);
    expect(layoutExtent(Float32Array.from([1, 2, NaN, 0, -1, 5]))).toEqual([-1, 1, 2, 5]);
  });
});

describe('point styles and markers', () => {
  it('codes modality and fading per row, and draws images as circles, captions as triangles', () => {
    expect(Array.from(pointStyles(3, { selected: null }))).toEqual([0, 0, 0, 2, 2, 2]);
    expect(Array.from(pointStyles(3, { selected: 1, neighbours: [5] }))).toEqual([1, 0, 1, 3, 2, 2]);
    expect([0, 1, 2, 3].map(styleMarker)).toEqual(['circle', 'circle', 'triangle', 'triangle']);
    expect(Array.from(interleavedOrder(3))).toEqual([0, 3, 1, 4, 2, 5]);
    const c = styleColours(0.8);
    expect(c).toHaveLength(4 * STYLE_COUNT);
    // Image blue #0072B2 vs caption orange #E69F00; faded styles keep the hue at low opacity.
    expect(Array.from(c.subarray(0, 4)).map((v) => Math.round(v * 255))).toEqual([0, 114, 178, 204]);
    expect(Array.from(c.subarray(8, 12)).map((v) => Math.round(v * 255))).toEqual([230, 159, 0, 204]);
    expect(c[3 + 4]).toBeLessThan(0.2);
  });

  it('gives the triangle the circle’s area, centred on the point', () => {
    const [x0, y0, x1, y1, x2, y2] = triangleVertices(10, 20, 8);
    const area = Math.abs((x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0)) / 2;
    expect(area).toBeCloseTo(Math.PI * 16, 6);
    expect((x0 + x1 + x2) / 3).toBeCloseTo(10);
    expect((y0 + y1 + y2) / 3).toBeCloseTo(20);
    expect(markerPath('circle', 10, 20, 8)).toBe('M6,20a4,4 0 1,0 8,0a4,4 0 1,0 -8,0Z');
  });

  it('maps layout units to clip space for WebGL, and sizes sprites to hold the triangle', () => {
    const [sx, sy, ox, oy] = clipTransform({ ax: 10, bx: 5, ay: -10, by: 200 }, 200, 200);
    // (0, 0) → pixel (5, 200) → clip (-0.95, -1); (10, 10) → pixel (105, 100) → clip (0.05, 0).
    expect(ox).toBeCloseTo(-0.95);
    expect(oy).toBeCloseTo(-1);
    expect(sx * 10 + ox).toBeCloseTo(0.05);
    expect(sy * 10 + oy).toBeCloseTo(0);
    expect(spriteSize(7, 2)).toBeGreaterThanOrEqual(7 * 2 * 1.55);
  });
});

describe('canvas renderer', () => {
  /** A context that records calls: which path ops each fill contained, and with what colour. */
  function recorder() {
    const fills: { style: string; arcs: number; lines: number }[] = [];
    let arcs = 0;
    let lines = 0;
    const ctx = {
      fillStyle: '' as unknown,
      strokeStyle: '' as unknown,
      lineWidth: 1,
      setTransform() {},
      clearRect() {},
      beginPath() {
        arcs = 0;
        lines = 0;
      },
      moveTo() {},
      lineTo() {
        lines++;
      },
      arc() {
        arcs++;
      },
      closePath() {},
      fill() {
        fills.push({ style: String(ctx.fillStyle), arcs, lines });
      },
      stroke() {},
    };
    return { ctx: ctx as unknown as Canvas2dLike, fills };
  }

  it('draws image rows as blue circles and caption rows as orange triangles', () => {
    const n = 3;
    const frame: PointFrame = {
      xy: Float32Array.from([0, 0, 1, 1, 2, 2, 0, 1, 1, 2, 2, 3]),
      n,
      styles: pointStyles(n, { selected: null }),
      positionsVersion: 1,
      stylesVersion: 1,
      transform: { ax: 10, bx: 0, ay: 10, by: 0 },
      width: 100,
      height: 100,
      pixelRatio: 1,
      pointSize: 6,
      alpha: 0.85,
      pairLines: false,
      lineAlpha: 0.3,
    };
    const { ctx, fills } = recorder();
    drawPointsCanvas(ctx, frame);
    expect(fills).toEqual([
      { style: 'rgba(0,114,178,0.850)', arcs: 3, lines: 0 },
      { style: 'rgba(230,159,0,0.850)', arcs: 0, lines: 6 },
    ]);
  });
});
