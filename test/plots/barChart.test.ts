// @vitest-environment jsdom
import { describe, it, expect } from 'vitest';
import { renderBarChart } from '../../src/plots/barChart';

describe('bar chart', () => {
  it('draws one bar per value on a [0, 1] axis, with value labels', () => {
    const svg = document.body.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'svg'));
    renderBarChart(
      svg,
      { values: [0.9, 0.5, 0.1] },
      { width: 300, height: 200, xLabel: 'component', yLabel: 'correlation' },
    );
    const bars = Array.from(svg.querySelectorAll('rect.bar'));
    expect(bars).toHaveLength(3);
    const heights = bars.map((b) => Number(b.getAttribute('height')));
    // Heights are proportional to the values (plot height 200 - 16 - 44 = 140 px for 1.0).
    expect(heights[0]).toBeCloseTo(126);
    expect(heights[1]).toBeCloseTo(70);
    expect(heights[2]).toBeCloseTo(14);
    expect(Array.from(svg.querySelectorAll('g.values text')).map((t) => t.textContent)).toEqual([
      '0.90',
      '0.50',
      '0.10',
    ]);
    expect(Array.from(svg.querySelectorAll('g.x-axis .tick text')).map((t) => t.textContent)).toEqual([
      '1',
      '2',
      '3',
    ]);
    const yTicks = Array.from(svg.querySelectorAll('g.y-axis .tick text')).map((t) => t.textContent);
    expect(yTicks[0]).toBe('0.0');
    expect(yTicks.at(-1)).toBe('1.0');
    expect(svg.querySelector('g.y-label text')!.textContent).toBe('correlation');
  });
});
