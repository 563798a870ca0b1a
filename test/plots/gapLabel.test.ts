// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { select } from 'd3';
import { gapLabelBox, renderGapArrow, type LabelBox } from '../../src/plots/scatter/gapArrow';

/** Signed distances of the box's corners from the line through a and b (px). */
function cornerDistances(box: LabelBox, a: [number, number], b: [number, number]): number[] {
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  const nx = -(b[1] - a[1]) / len;
  const ny = (b[0] - a[0]) / len;
  const corners = [
    [box.x, box.y],
    [box.x + box.width, box.y],
    [box.x, box.y + box.height],
    [box.x + box.width, box.y + box.height],
  ];
  return corners.map(([x, y]) => (x - a[0]) * nx + (y - a[1]) * ny);
}

/** Distance from a point to the nearest point of the box (0 inside). */
function distanceToBox(box: LabelBox, [x, y]: [number, number]): number {
  const dx = Math.max(box.x - x, 0, x - box.x - box.width);
  const dy = Math.max(box.y - y, 0, y - box.y - box.height);
  return Math.hypot(dx, dy);
}

const LABEL = 'modality gap 0.883 (in 32-d)';

describe('gap label', () => {
  it('stays off the arrow and both centroid markers at every angle', () => {
    for (let deg = 0; deg < 360; deg += 15) {
      const a: [number, number] = [300, 200];
      const r = 120;
      const b: [number, number] = [
        300 + r * Math.cos((deg * Math.PI) / 180),
        200 + r * Math.sin((deg * Math.PI) / 180),
      ];
      const box = gapLabelBox({ image: a, text: b, label: LABEL });
      const d = cornerDistances(box, a, b);
      // All four corners on one side of the line, the nearest more than a marker's radius (8.5 px) away.
      const side = Math.sign(d[0]);
      expect(
        d.every((v) => Math.sign(v) === side),
        `angle ${deg}`,
      ).toBe(true);
      expect(Math.min(...d.map(Math.abs)), `angle ${deg}`).toBeGreaterThan(8.5 + 3);
      expect(distanceToBox(box, a)).toBeGreaterThan(11);
      expect(distanceToBox(box, b)).toBeGreaterThan(11);
      // Above the arrow on the screen (or beside a vertical one).
      expect(box.y + box.height / 2).toBeLessThanOrEqual((a[1] + b[1]) / 2 + 1e-9);
    }
  });

  it('goes above both markers when the centroids are too close for an arrow', () => {
    const box = gapLabelBox({ image: [100, 100], text: [106, 104], label: LABEL });
    expect(box.y + box.height).toBeLessThan(100 - 8.5);
    expect(distanceToBox(box, [106, 104])).toBeGreaterThan(11);
  });

  it('draws the label at the centre of that box', () => {
    const svg = select(document.body).append('svg');
    const g = svg.append('g');
    const geometry = {
      image: [50, 300] as [number, number],
      text: [60, 100] as [number, number],
      label: LABEL,
    };
    renderGapArrow(g, geometry);
    const text = g.select('text.gap-label');
    const box = gapLabelBox(geometry);
    expect(Number(text.attr('x'))).toBeCloseTo(box.x + box.width / 2, 6);
    expect(Number(text.attr('y'))).toBeCloseTo(box.y + box.height / 2, 6);
    expect(text.text()).toBe(LABEL);
  });
});
