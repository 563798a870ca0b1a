// @vitest-environment jsdom
import { describe, it, expect } from 'vitest';
import { decimate, renderLineChart, type LineSeries } from '../../src/plots/lineChart';

const SVG_NS = 'http://www.w3.org/2000/svg';
const svgEl = (): SVGSVGElement => document.body.appendChild(document.createElementNS(SVG_NS, 'svg'));

describe('line chart', () => {
  const series: LineSeries[] = [
    {
      key: 'seen',
      label: 'Recall@5 seen',
      x: [0, 100, 200, 300],
      y: [0.1, 0.4, 0.6, 0.7],
      colour: '#0072B2',
    },
    {
      key: 'held',
      label: 'Recall@5 held-out',
      x: [0, 100, 200, 300],
      y: [0.1, NaN, 0.3, 0.4],
      colour: '#0072B2',
      dash: 'dashed',
    },
  ];

  it('draws one path per series, solid and dashed, with a legend entry each and labelled axes', () => {
    const svg = svgEl();
    renderLineChart(svg, series, {
      width: 400,
      height: 240,
      xLabel: 'step',
      yLabel: 'recall (fraction)',
      yDomain: [0, 1],
    });
    const paths = svg.querySelectorAll('path.series');
    expect(paths).toHaveLength(2);
    expect(paths[0].getAttribute('stroke-dasharray')).toBeNull();
    expect(paths[1].getAttribute('stroke-dasharray')).toBe('6 4');
    const legend = Array.from(svg.querySelectorAll('g.legend-entry'));
    expect(legend.map((e) => e.querySelector('text')!.textContent)).toEqual([
      'Recall@5 seen',
      'Recall@5 held-out',
    ]);
    expect(legend[1].querySelector('line')!.getAttribute('stroke-dasharray')).toBe('6 4');
    expect(svg.querySelector('g.x-label text')!.textContent).toBe('step');
    expect(svg.querySelector('g.y-label text')!.textContent).toBe('recall (fraction)');
    const yTicks = Array.from(svg.querySelectorAll('g.y-axis .tick text')).map((t) => t.textContent);
    expect(yTicks[0]).toBe('0.0');
    expect(yTicks.at(-1)).toBe('1.0');
  });

  it('leaves a gap at NaN values', () => {
    const svg = svgEl();
    renderLineChart(svg, series, { width: 400, height: 240, xLabel: 'step', yLabel: 'recall' });
    const d = svg.querySelector('path.series[data-key="held"]')!.getAttribute('d')!;
    // Two segments: the first point alone, then 200..300.
    expect(d.match(/M/g)).toHaveLength(2);
    expect(svg.querySelector('path.series[data-key="seen"]')!.getAttribute('d')!.match(/M/g)).toHaveLength(1);
  });

  it('updates in place when rendered again', () => {
    const svg = svgEl();
    const options = { width: 400, height: 240, xLabel: 'step', yLabel: 'recall' };
    renderLineChart(svg, series, options);
    const count = svg.querySelectorAll('*').length;
    renderLineChart(svg, series, options);
    expect(svg.querySelectorAll('*').length).toBe(count);
    renderLineChart(svg, series.slice(0, 1), options);
    expect(svg.querySelectorAll('path.series')).toHaveLength(1);
  });
});

describe('decimate', () => {
  it('keeps first, min, max and last per pixel column, and every NaN', () => {
    const x = Array.from({ length: 100 }, (_, i) => i);
    const y = x.map((i) => (i === 13 ? 50 : i === 17 ? -50 : i === 60 ? NaN : Math.sin(i)));
    const keep = decimate(x, y, 0, 100, 10);
    expect(keep).toContain(13);
    expect(keep).toContain(17);
    expect(keep).toContain(60);
    expect(keep.length).toBeLessThanOrEqual(10 * 4 + 2);
    expect([...keep].sort((a, b) => a - b)).toEqual(keep);
    expect(decimate([0, 1, 2], [1, 2, 3], 0, 2, 100)).toEqual([0, 1, 2]);
  });
});
