// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderRangeChart } from '../../src/plots/rangeChart';

function svgElement(): SVGSVGElement {
  return document.body.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'svg'));
}

describe('renderRangeChart', () => {
  const options = {
    width: 300,
    height: 200,
    xLabel: 'τ',
    yLabel: 'gap',
    xValues: [0.02, 0.07, 0.3, 1],
    xLog: true,
  };

  it('draws a tick for every swept value and a point with a min–max bar per measured value', () => {
    const svg = svgElement();
    renderRangeChart(
      svg,
      [
        {
          key: 'gap',
          label: 'gap',
          points: [
            { x: 0.02, mean: 0.2, min: 0.1, max: 0.3, n: 3 },
            { x: 0.07, mean: 0.15, min: 0.12, max: 0.2, n: 2 },
          ],
        },
      ],
      options,
    );
    expect([...svg.querySelectorAll('text.sweep-tick')].map((t) => t.textContent)).toEqual([
      '0.02',
      '0.07',
      '0.3',
      '1',
    ]);
    const points = [...svg.querySelectorAll('g.range-point')];
    expect(points.map((p) => p.getAttribute('data-x'))).toEqual(['0.02', '0.07']);
    expect(points.map((p) => p.getAttribute('data-n'))).toEqual(['3', '2']);
    // On the log axis, equal ratios are equal distances: 0.02 → 0.2 would be as far as 0.1 → 1.
    const tickX = [...svg.querySelectorAll('text.sweep-tick')].map((t) => Number(t.getAttribute('x')));
    const perDecade = (tickX[3] - tickX[2]) / Math.log10(1 / 0.3);
    expect((tickX[1] - tickX[0]) / Math.log10(0.07 / 0.02)).toBeCloseTo(perDecade, 6);
    // The bar spans min..max: its path's two y values differ, the dot sits between them.
    const bar = points[0].querySelector('path.range-bar')!.getAttribute('d')!;
    const ys = [...bar.matchAll(/V([\d.]+)/g)].map((m) => Number(m[1]));
    const cy = Number(points[0].querySelector('circle')!.getAttribute('cy'));
    const y0 = Number(/^M[\d.]+,([\d.]+)/.exec(bar)![1]);
    expect(Math.min(y0, ys[0])).toBeLessThan(cy);
    expect(Math.max(y0, ys[0])).toBeGreaterThan(cy);
  });

  it('re-renders in place when the sweep fills in', () => {
    const svg = svgElement();
    const one = [{ key: 'gap', label: 'gap', points: [{ x: 0.02, mean: 0.2, min: 0.1, max: 0.3, n: 3 }] }];
    renderRangeChart(svg, one, options);
    renderRangeChart(
      svg,
      [{ ...one[0], points: [...one[0].points, { x: 1, mean: 0.1, min: 0.05, max: 0.2, n: 1 }] }],
      options,
    );
    expect(svg.querySelectorAll('g.range-point')).toHaveLength(2);
    expect(svg.querySelectorAll('g.range-chart')).toHaveLength(1);
  });
});
