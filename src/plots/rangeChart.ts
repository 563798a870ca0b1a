import { scaleLinear } from 'd3';
import { renderAxes } from './axes';
import { layer, plotRect, prepareSvg, type Margin } from './frame';
import { SERIES_COLOURS, THEME } from './theme';

/**
 * A measure against a swept setting: one dot per value at the mean over seeds, a bar from the min to
 * the max, and a line through the means. For sweeps with a handful of values (e.g. τ = 0.02 … 1).
 */
export interface RangePoint {
  x: number;
  mean: number;
  min: number;
  max: number;
  /** Seeds behind the point; shown beside it when the sweep is not complete. */
  n: number;
}

export interface RangeSeries {
  key: string;
  label: string;
  points: readonly RangePoint[];
  colour?: string;
}

export interface RangeChartOptions {
  width: number;
  height: number;
  xLabel: string;
  yLabel: string;
  /** The swept values, drawn as the x ticks even before they have points. */
  xValues: readonly number[];
  /** Log x axis (temperatures, learning rates). */
  xLog?: boolean;
  yDomain?: [number, number];
  margin?: Partial<Margin>;
}

const DEFAULT_MARGIN: Margin = { top: 30, right: 16, bottom: 44, left: 52 };
const CAP = 4;

export function renderRangeChart(
  svg: SVGSVGElement,
  series: readonly RangeSeries[],
  options: RangeChartOptions,
): void {
  const root = layer(prepareSvg(svg, options.width, options.height), 'range-chart');
  const rect = plotRect(options.width, options.height, { ...DEFAULT_MARGIN, ...options.margin });
  const xs = options.xValues.length ? options.xValues : [1];
  // A log axis is a linear scale over log10 of the values, so the shared axes and grid serve both.
  const t = (v: number) => (options.xLog ? Math.log10(v) : v);
  const lo = Math.min(...xs.map(t));
  const hi = Math.max(...xs.map(t));
  const pad = (hi - lo || 1) * 0.1;
  const xScale = scaleLinear()
    .domain([lo - pad, hi + pad])
    .range([rect.x, rect.x + rect.width]);
  const x = (v: number) => xScale(t(v));
  const all = series.flatMap((s) => s.points.flatMap((p) => [p.min, p.max])).filter(Number.isFinite);
  const yDomain =
    options.yDomain ?? (all.length ? [Math.min(0, ...all), Math.max(...all) * 1.1 || 1] : [0, 1]);
  const y = scaleLinear()
    .domain(yDomain)
    .range([rect.y + rect.height, rect.y]);
  renderAxes(layer(root, 'axes'), xScale, y, rect, {
    xLabel: options.xLabel,
    yLabel: options.yLabel,
    xTicks: 0,
    yTicks: 5,
  });
  // Ticks at the swept values only, whatever a scale would pick.
  root.selectAll('g.axes > g.grid > line.gx').remove();
  const gx = root.select<SVGGElement>('g.axes > g.x-axis');
  gx.selectAll('.tick').remove();
  gx.selectAll('text.sweep-tick')
    .data(xs)
    .join('text')
    .attr('class', 'sweep-tick')
    .attr('x', (v) => x(v))
    .attr('y', 16)
    .attr('text-anchor', 'middle')
    .attr('fill', THEME.muted)
    .text((v) => String(v));

  const groups = layer(root, 'series')
    .selectAll<SVGGElement, RangeSeries>('g.range-series')
    .data(series, (s) => s.key)
    .join('g')
    .attr('class', 'range-series')
    .attr('data-key', (s) => s.key)
    .attr('stroke', (s, i) => s.colour ?? SERIES_COLOURS[i % SERIES_COLOURS.length] ?? THEME.ink)
    .attr('fill', (s, i) => s.colour ?? SERIES_COLOURS[i % SERIES_COLOURS.length] ?? THEME.ink);
  const sorted = (s: RangeSeries) =>
    [...s.points].filter((p) => Number.isFinite(p.mean)).sort((a, b) => a.x - b.x);
  groups
    .selectAll('path.mean-line')
    .data((s) => [sorted(s)])
    .join('path')
    .attr('class', 'mean-line')
    .attr('fill', 'none')
    .attr('stroke-width', 1.5)
    .attr('d', (ps) => (ps.length > 1 ? 'M' + ps.map((p) => `${x(p.x)},${y(p.mean)}`).join('L') : null));
  const marks = groups
    .selectAll<SVGGElement, RangePoint>('g.range-point')
    .data((s) => sorted(s))
    .join('g')
    .attr('class', 'range-point')
    .attr('data-x', (p) => p.x)
    .attr('data-mean', (p) => p.mean)
    .attr('data-n', (p) => p.n);
  marks
    .selectAll('path.range-bar')
    .data((p) => [p])
    .join('path')
    .attr('class', 'range-bar')
    .attr('stroke-width', 1.5)
    .attr('d', (p) => {
      const cx = x(p.x);
      const [a, b] = [y(p.min), y(p.max)];
      return `M${cx},${a}V${b}M${cx - CAP},${a}H${cx + CAP}M${cx - CAP},${b}H${cx + CAP}`;
    });
  marks
    .selectAll('circle')
    .data((p) => [p])
    .join('circle')
    .attr('cx', (p) => x(p.x))
    .attr('cy', (p) => y(p.mean))
    .attr('r', 4)
    .attr('stroke', 'none');
}
