// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { axisBottom, axisLeft, scaleLinear, select } from 'd3';
import { renderLinearAxis, type AxisSide } from '../../src/plots/linearAxis';
import { THEME } from '../../src/plots/theme';

const SVG_NS = 'http://www.w3.org/2000/svg';
const format = (v: number) => `${v}u`;

function group() {
  const svg = document.createElementNS(SVG_NS, 'svg');
  document.body.appendChild(svg);
  return select(svg).append('g');
}

/** The axis as the plots drew it before: d3's axis, then the plots' restyling. */
function d3Axis(domain: [number, number], side: AxisSide): string {
  const g = group();
  const scale = scaleLinear()
    .domain(domain)
    .range(side === 'bottom' ? [40, 440] : [300, 20]);
  const axis = side === 'bottom' ? axisBottom(scale) : axisLeft(scale);
  g.call(
    axis
      .ticks(6)
      .tickFormat((v) => format(Number(v)))
      .tickSizeOuter(0),
  );
  g.attr('font-family', null).attr('font-size', THEME.fontSize);
  g.selectAll('.domain, .tick line').attr('stroke', THEME.ink);
  g.selectAll('.tick text').attr('fill', THEME.muted);
  return g.node()!.outerHTML;
}

function linearAxis(domain: [number, number], side: AxisSide, g = group()) {
  const scale = scaleLinear()
    .domain(domain)
    .range(side === 'bottom' ? [40, 440] : [300, 20]);
  renderLinearAxis(g, scale, side, scale.ticks(6), format);
  return g;
}

describe('renderLinearAxis', () => {
  it.each(['bottom', 'left'] as const)('makes the same %s axis as d3 with the plots’ styles', (side) => {
    expect(linearAxis([0, 10], side).node()!.outerHTML).toBe(d3Axis([0, 10], side));
    // Redrawn on another domain it matches a fresh d3 axis of that domain (ticks added, kept, removed).
    const g = linearAxis([0, 10], side);
    linearAxis([3, 17], side, g);
    expect(g.node()!.outerHTML).toBe(d3Axis([3, 17], side));
  });

  it('keeps the label of a tick that stays, moving only its group', () => {
    const g = linearAxis([0, 10], 'bottom');
    const label = (v: string) =>
      Array.from(g.node()!.querySelectorAll('.tick text')).find((t) => t.textContent === v)!;
    const four = label('4u');
    const text = four.firstChild;
    const before = four.parentElement!.getAttribute('transform');
    linearAxis([2, 12], 'bottom', g);
    expect(label('4u')).toBe(four);
    expect(four.firstChild).toBe(text);
    // 4 moved from 40 + 160 to 40 + 80 px (plus d3's half pixel at a device pixel ratio of 1).
    expect(before).toBe('translate(200.5,0)');
    expect(four.parentElement!.getAttribute('transform')).toBe('translate(120.5,0)');
    expect(label('0u')).toBeUndefined();
    expect(label('12u')).toBeDefined();
  });
});
