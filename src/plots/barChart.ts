import { axisBottom, range, scaleBand, scaleLinear } from 'd3';
import { renderAxes } from './axes';
import { layer, plotRect, prepareSvg, type Margin } from './frame';
import { OKABE_ITO, THEME } from './theme';

/**
 * Bars for a short list of values in a fixed range, e.g. the canonical correlations of CCA/DCCA
 * (one bar per component, values in [0, 1], sorted as given). SVG only: a few dozen bars at most.
 */
export interface BarChartData {
  values: ArrayLike<number>;
  /** Bar labels; 1-based indices otherwise (component 1, 2, ...). */
  labels?: readonly string[];
}

export interface BarChartOptions {
  width: number;
  height: number;
  xLabel: string;
  yLabel: string;
  /** Value range (default [0, 1]). */
  yDomain?: [number, number];
  colour?: string;
  /** Write each value above its bar (default: when there are at most 16 bars). */
  valueLabels?: boolean;
  format?: (v: number) => string;
  margin?: Partial<Margin>;
}

const DEFAULT_MARGIN: Margin = { top: 16, right: 12, bottom: 44, left: 56 };

export function renderBarChart(svg: SVGSVGElement, data: BarChartData, options: BarChartOptions): void {
  const m = data.values.length;
  const root = layer(prepareSvg(svg, options.width, options.height), 'bar-chart');
  const rect = plotRect(options.width, options.height, { ...DEFAULT_MARGIN, ...options.margin });
  const [lo, hi] = options.yDomain ?? [0, 1];
  const y = scaleLinear()
    .domain([lo, hi])
    .range([rect.y + rect.height, rect.y]);
  const band = scaleBand<number>()
    .domain(range(m))
    .range([rect.x, rect.x + rect.width])
    .paddingInner(0.2)
    .paddingOuter(0.1);
  const label = (i: number): string => data.labels?.[i] ?? String(i + 1);
  const format = options.format ?? ((v: number) => v.toFixed(2));

  // Reuse the shared axes for the y axis and grid; the x axis is categorical, drawn from the band scale.
  const x = scaleLinear()
    .domain([0, 1])
    .range([rect.x, rect.x + rect.width]);
  renderAxes(layer(root, 'axes'), x, y, rect, { xLabel: options.xLabel, yLabel: options.yLabel, xTicks: 0 });
  const gx = root.select<SVGGElement>('g.axes > g.x-axis');
  const step = Math.max(1, Math.ceil(m / Math.max(1, Math.floor(rect.width / 28))));
  gx.call(
    axisBottom(band)
      .tickValues(range(0, m, step))
      .tickFormat(label)
      .tickSizeOuter(0),
  );
  // d3 styles an axis group it has not drawn before (10 px sans-serif): back to the plots' type.
  gx.attr('font-family', null).attr('font-size', THEME.fontSize);
  gx.selectAll('.domain, .tick line').attr('stroke', THEME.ink);
  gx.selectAll('.tick text').attr('fill', THEME.muted);
  root.selectAll('g.axes > g.grid > line.gx').remove();

  const clamp = (v: number): number => Math.max(lo, Math.min(hi, Number.isFinite(v) ? v : lo));
  const values = Array.from(data.values);
  // Bars grow from 0, or from the edge of the range nearest to 0 when 0 is outside it.
  const base = clamp(0);
  layer(root, 'bars')
    .selectAll('rect.bar')
    .data(values)
    .join('rect')
    .attr('class', 'bar')
    .attr('x', (_, i) => band(i)!)
    .attr('width', band.bandwidth())
    .attr('y', (v) => Math.min(y(clamp(v)), y(base)))
    .attr('height', (v) => Math.abs(y(clamp(v)) - y(base)))
    .attr('fill', options.colour ?? OKABE_ITO.bluishGreen);

  const showValues = options.valueLabels ?? m <= 16;
  layer(root, 'values')
    .selectAll('text')
    .data(showValues ? values : [])
    .join('text')
    .attr('x', (_, i) => band(i)! + band.bandwidth() / 2)
    .attr('y', (v) => y(clamp(v)) - 4)
    .attr('text-anchor', 'middle')
    .attr('font-size', THEME.fontSize - 1)
    .attr('fill', THEME.ink)
    .text((v) => (Number.isFinite(v) ? format(v) : '–'));
}
