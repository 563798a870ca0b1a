// @vitest-environment jsdom
import { describe, it, expect } from 'vitest';
import { scaleLinear, select } from 'd3';
import { distinctTickFormat, renderAxes } from '../../src/plots/axes';
import { renderScatterOverlay } from '../../src/plots/scatter/scatterOverlay';
import { DEFAULT_SCATTER_OPTIONS, NO_SELECTION } from '../../src/plots/scatter/scatterTypes';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Three significant digits: fine for [-8, 12], useless for [10.28, 10.34]. */
const threeDigits = (v: number) => String(Number(v.toPrecision(3)));

function tickTexts(svg: SVGSVGElement, axis: 'x-axis' | 'y-axis'): string[] {
  return Array.from(svg.querySelectorAll(`.${axis} .tick text, [data-layer="${axis}"] .tick text`)).map(
    (t) => t.textContent ?? '',
  );
}

function axesFor(xDomain: [number, number], yDomain: [number, number]): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  document.body.appendChild(svg);
  const x = scaleLinear().domain(xDomain).range([50, 450]);
  const y = scaleLinear().domain(yDomain).range([350, 50]);
  renderAxes(
    select(svg).append('g'),
    x,
    y,
    { x: 50, y: 50, width: 400, height: 300 },
    {
      xFormat: threeDigits,
      yFormat: threeDigits,
    },
  );
  return svg;
}

describe('axis tick labels', () => {
  it.each([
    [
      [10.28, 10.34],
      [-4.46, -4.44],
    ],
    [
      [-4.46, -4.44],
      [10.28, 10.34],
    ],
    [
      [0.001, 0.004],
      [123456.1, 123456.9],
    ],
  ] as [[number, number], [number, number]][])('are distinct and short on %j × %j', (xDomain, yDomain) => {
    const svg = axesFor(xDomain, yDomain);
    for (const axis of ['x-axis', 'y-axis'] as const) {
      const labels = tickTexts(svg, axis);
      expect(labels.length).toBeGreaterThanOrEqual(2);
      expect(new Set(labels).size).toBe(labels.length);
      for (const label of labels) expect(label.length).toBeLessThanOrEqual(9);
    }
  });

  it('keeps the preferred format where it tells the ticks apart', () => {
    const x = scaleLinear().domain([-8, 12]);
    const format = distinctTickFormat(x, 5, threeDigits);
    expect(x.ticks(5).map(format)).toEqual(['-5', '0', '5', '10']);
  });

  it('falls back to labels that follow the tick step', () => {
    const x = scaleLinear().domain([10.28, 10.34]);
    const format = distinctTickFormat(x, 5, threeDigits);
    expect(x.ticks(5).map(format)).toEqual(['10.28', '10.29', '10.30', '10.31', '10.32', '10.33', '10.34']);
  });

  it('reads apart on the scatter of a small import (layout coordinates in a narrow range)', () => {
    const svg = document.createElementNS(SVG_NS, 'svg');
    document.body.appendChild(svg);
    renderScatterOverlay(svg, {
      xy: Float32Array.from([10.29, -4.455, 10.33, -4.445]),
      n: 1,
      width: 500,
      height: 400,
      rect: { x: 50, y: 50, width: 400, height: 300 },
      x: scaleLinear().domain([10.28, 10.34]).range([50, 450]),
      y: scaleLinear().domain([-4.46, -4.44]).range([350, 50]),
      selection: NO_SELECTION,
      options: DEFAULT_SCATTER_OPTIONS,
      pointSize: 6,
      pairLines: true,
    });
    for (const axis of ['x-axis', 'y-axis'] as const) {
      const labels = tickTexts(svg, axis);
      expect(labels.length).toBeGreaterThanOrEqual(2);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });
});
