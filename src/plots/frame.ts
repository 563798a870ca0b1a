import { select, type BaseType, type Selection } from 'd3';
import { THEME } from './theme';

/** Space around the plotting area, in CSS pixels. */
export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The plotting area inside a width x height frame. */
export interface PlotRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function plotRect(width: number, height: number, margin: Margin): PlotRect {
  return {
    x: margin.left,
    y: margin.top,
    width: Math.max(1, width - margin.left - margin.right),
    height: Math.max(1, height - margin.top - margin.bottom),
  };
}

const XMLNS = 'http://www.w3.org/2000/xmlns/';

export type SvgSelection = Selection<SVGSVGElement, unknown, null, undefined>;
export type GroupSelection = Selection<SVGGElement, unknown, null, undefined>;

/**
 * Sizes the svg, sets the shared type, and returns it as a d3 selection. Styles are set as
 * presentation attributes rather than CSS classes, so an exported SVG looks the same on its own.
 */
export function prepareSvg(svg: SVGSVGElement, width: number, height: number): SvgSelection {
  // Only what changed is written: a plot redrawn every frame would otherwise set the same attributes on
  // the root each frame, and the browser invalidates the styles of the whole plot on each write.
  const attributes: [string, string][] = [
    ['xmlns', 'http://www.w3.org/2000/svg'],
    ['width', String(width)],
    ['height', String(height)],
    ['viewBox', `0 0 ${width} ${height}`],
    ['font-family', THEME.fontFamily],
    ['font-size', String(THEME.fontSize)],
    ['fill', THEME.ink],
  ];
  for (const [name, value] of attributes) {
    if (svg.getAttribute(name) === value) continue;
    // As d3's attr() does: xmlns lives in the XMLNS namespace (an exported SVG serialises it once).
    if (name === 'xmlns') svg.setAttributeNS(XMLNS, name, value);
    else svg.setAttribute(name, value);
  }
  return select(svg);
}

/** The child `<g class=name>` of parent, created on first use: re-rendering updates, never duplicates. */
export function layer<P extends SVGElement>(
  parent: Selection<P, unknown, null, undefined>,
  name: string,
): GroupSelection {
  const existing = parent.select<SVGGElement>(`:scope > g.${name}`);
  if (!existing.empty()) return existing;
  return parent.append('g').attr('class', name);
}

/**
 * Writes the attributes `values(d)` gives each element of `selection` (and its text, under the key
 * `textContent`) where they differ from what the element has. A plot redrawn every frame then writes only
 * what moved: rewriting an SVG attribute or text with the same value still makes the browser recompute
 * the element's style and layout. Values are written as d3's attr() writes them (String(value)).
 */
export function writeChanged<E extends Element, D, P extends BaseType, PD>(
  selection: Selection<E, D, P, PD>,
  values: (d: D) => Record<string, string | number>,
): void {
  selection.each(function (d) {
    for (const [name, raw] of Object.entries(values(d))) {
      const value = String(raw);
      if (name === 'textContent') {
        if (this.textContent !== value) this.textContent = value;
      } else if (this.getAttribute(name) !== value) this.setAttribute(name, value);
    }
  });
}
