// @vitest-environment jsdom
import { describe, it, expect } from 'vitest';
import {
  heatmapCellAt,
  heatmapLayout,
  heatmapRgba,
  renderHeatmap,
  TICK_CHAR_PX,
} from '../../src/plots/heatmap';

const SVG_NS = 'http://www.w3.org/2000/svg';

function target() {
  const canvas = document.createElement('canvas');
  // jsdom has no 2D canvas: the cells are skipped, the SVG is complete.
  canvas.getContext = (() => null) as typeof canvas.getContext;
  const svg = document.body.appendChild(document.createElementNS(SVG_NS, 'svg'));
  return { canvas, svg };
}

describe('heatmap', () => {
  const values = Float32Array.from([1, 0, -1, 0.5, 0.9, 0, -0.5, 0.2, 0.8]);

  it('outlines exactly the diagonal cells (the true pairs)', () => {
    const t = target();
    renderHeatmap(t, { values, rows: 3, cols: 3 }, { width: 300, height: 200 });
    const { cell, rect } = heatmapLayout(3, 3, 300, 200);
    const paths = t.svg.querySelectorAll('g.diagonal path');
    expect(paths.length).toBeGreaterThan(0);
    const d = paths[0].getAttribute('d')!;
    expect(d.match(/M/g)).toHaveLength(3);
    expect(d.startsWith(`M${rect.x},${rect.y}h${cell}v${cell}`)).toBe(true);
    expect(d).toContain(`M${rect.x + 2 * cell},${rect.y + 2 * cell}`);
  });

  it('has row and column axes with titles, and a colour legend over [-1, 1]', () => {
    const t = target();
    renderHeatmap(t, { values, rows: 3, cols: 3, colLabels: ['a', 'b', 'c'] }, { width: 300, height: 200 });
    expect(Array.from(t.svg.querySelectorAll('g.x-axis .tick text')).map((e) => e.textContent)).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(Array.from(t.svg.querySelectorAll('g.y-axis .tick text')).map((e) => e.textContent)).toEqual([
      '0',
      '1',
      '2',
    ]);
    expect(t.svg.querySelector('.title-row')!.textContent).toBe('images');
    expect(t.svg.querySelector('.title-col')!.textContent).toBe('captions');
    const legendTicks = Array.from(t.svg.querySelectorAll('g.colour-legend .tick text')).map(
      (e) => e.textContent,
    );
    expect(legendTicks).toEqual(['−1.0', '−0.5', '0.0', '0.5', '1.0']);
    expect(t.svg.querySelectorAll('g.colour-legend stop')).toHaveLength(11);
  });

  it('colours cells on a diverging scale fixed to [-1, 1]', () => {
    const rgba = heatmapRgba({ values: Float32Array.from([-1, 0, 1, NaN, 5]), rows: 1, cols: 5 });
    const px = (i: number): number[] => Array.from(rgba.subarray(4 * i, 4 * i + 4));
    expect(px(0)).toEqual([45, 0, 75, 255]); // PuOr at 0: deep purple
    expect(px(2)).toEqual([127, 59, 8, 255]); // PuOr at 1: brown-orange
    const mid = px(1);
    expect(Math.min(mid[0], mid[1], mid[2])).toBeGreaterThan(230); // near white
    expect(px(3)[3]).toBe(0); // NaN: transparent
    expect(px(4)).toEqual(px(2)); // clamped
  });

  it('maps a pointer position to its cell', () => {
    const { cell, rect } = heatmapLayout(3, 4, 300, 200);
    expect(heatmapCellAt(3, 4, 300, 200, rect.x + 1.5 * cell, rect.y + 2.5 * cell)).toEqual({
      row: 2,
      col: 1,
    });
    expect(heatmapCellAt(3, 4, 300, 200, 0, 0)).toBeNull();
  });

  it('keeps 16 column labels apart: two-digit indices are thinned, not run together', () => {
    const n = 16;
    const t = target();
    renderHeatmap(t, { values: new Float32Array(n * n), rows: n, cols: n }, { width: 320, height: 260 });
    const { cell } = heatmapLayout(n, n, 320, 260);
    expect(cell).toBeLessThan(2 * TICK_CHAR_PX + 4); // "10" would not fit in one cell
    const ticks = Array.from(t.svg.querySelectorAll('g.x-axis .tick')).map((g) => ({
      x: Number(/translate\(([-\d.]+)/.exec(g.getAttribute('transform')!)![1]),
      text: g.querySelector('text')!.textContent,
    }));
    expect(ticks.map((k) => k.text)).toEqual(['0', '2', '4', '6', '8', '10', '12', '14']);
    // Labels are centred on their ticks: neighbours must be at least half of each label's width apart.
    for (let k = 1; k < ticks.length; k++) {
      const room = ((ticks[k - 1].text.length + ticks[k].text.length) / 2) * TICK_CHAR_PX;
      expect(ticks[k].x - ticks[k - 1].x).toBeGreaterThan(room);
    }
    // Rows: 12 px labels need two cells each here too.
    expect(t.svg.querySelectorAll('g.y-axis .tick')).toHaveLength(8);
  });

  it('labels every column when there is room', () => {
    const t = target();
    renderHeatmap(t, { values: new Float32Array(256), rows: 16, cols: 16 }, { width: 700, height: 600 });
    expect(t.svg.querySelectorAll('g.x-axis .tick')).toHaveLength(16);
  });
});
