import { extent, line, scaleLinear } from 'd3';
import { renderAxes } from './axes';
import { layer, plotRect, prepareSvg, type Margin } from './frame';
import { renderLegend } from './legend';
import { SERIES_COLOURS } from './theme';

/**
 * Several series over training steps in one SVG: e.g. recall on seen vs held-out combinations as a
 * solid and a dashed line of the same colour, both named in the legend. NaN values leave gaps (a metric
 * not measured at a step), and long series are thinned to at most a min/max pair per pixel column.
 */
export interface LineSeries {
  key: string;
  label: string;
  /** [m] x values (steps), ascending. */
  x: ArrayLike<number>;
  /** [m] y values; NaN for "no value here". */
  y: ArrayLike<number>;
  colour?: string;
  dash?: 'solid' | 'dashed' | 'dotted';
}

export interface LineChartOptions {
  width: number;
  height: number;
  /** Axis titles with units, e.g. 'step' and 'loss (nats)'. */
  xLabel: string;
  yLabel: string;
  /** Fixed y range (e.g. [0, 1] for a recall); the data's extent otherwise. */
  yDomain?: [number, number];
  xDomain?: [number, number];
  yFormat?: (v: number) => string;
  margin?: Partial<Margin>;
}

const DASHES = { solid: null, dashed: '6 4', dotted: '1.5 3' } as const;
const DEFAULT_MARGIN: Margin = { top: 30, right: 14, bottom: 44, left: 58 };

/**
 * Keeps, per pixel column of width `pixels`, the first, min, max and last points, in x order; NaN points
 * are kept so gaps survive. Returns indices into the series. Series shorter than 4 points per column
 * come back whole.
 */
export function decimate(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  x0: number,
  x1: number,
  pixels: number,
): number[] {
  const m = x.length;
  if (m <= 4 * pixels || !(x1 > x0)) return Array.from({ length: m }, (_, i) => i);
  const keep: number[] = [];
  let column = -1;
  let first = -1;
  let lo = -1;
  let hi = -1;
  let last = -1;
  const flush = (): void => {
    if (first < 0) return;
    const ids = [first, lo, hi, last].filter((v, i, a) => v >= 0 && a.indexOf(v) === i).sort((a, b) => a - b);
    keep.push(...ids);
  };
  for (let i = 0; i < m; i++) {
    const yi = y[i];
    if (Number.isNaN(yi)) {
      flush();
      first = lo = hi = last = -1;
      column = -1;
      keep.push(i);
      continue;
    }
    const c = Math.floor((x[i] - x0) / ((x1 - x0) / pixels));
    if (c !== column) {
      flush();
      column = c;
      first = lo = hi = last = i;
    } else {
      last = i;
      if (yi < y[lo]) lo = i;
      if (yi > y[hi]) hi = i;
    }
  }
  flush();
  return keep;
}

/** Renders (or updates) the chart in `svg`. */
export function renderLineChart(
  svg: SVGSVGElement,
  series: readonly LineSeries[],
  options: LineChartOptions,
): void {
  const margin = { ...DEFAULT_MARGIN, ...options.margin };
  const root = layer(prepareSvg(svg, options.width, options.height), 'line-chart');
  const colourOf = (s: LineSeries, i: number): string =>
    s.colour ?? SERIES_COLOURS[i % SERIES_COLOURS.length];
  // The legend sits above the plot; when it wraps onto more rows the plot moves down to make room.
  const legend = renderLegend(
    root,
    series.map((s, i) => ({
      key: s.key,
      label: s.label,
      swatch: (g) => {
        g.append('line')
          .attr('x1', 0)
          .attr('x2', 20)
          .attr('stroke', colourOf(s, i))
          .attr('stroke-width', 2)
          .attr('stroke-dasharray', DASHES[s.dash ?? 'solid']);
      },
    })),
    margin.left + 6,
    4,
    { maxWidth: options.width - margin.left - margin.right - 12 },
  );
  const rect = plotRect(options.width, options.height, {
    ...margin,
    top: Math.max(margin.top, legend.height + 10),
  });
  const finite = (v: number): boolean => Number.isFinite(v);
  const allX = series.flatMap((s) => Array.from(s.x).filter(finite));
  const allY = series.flatMap((s) => Array.from(s.y).filter(finite));
  const [xMin = 0, xMax = 1] = options.xDomain ?? extent<number>(allX);
  const [yMin = 0, yMax = 1] = options.yDomain ?? extent<number>(allY);
  const x = scaleLinear()
    .domain([xMin, xMax === xMin ? xMin + 1 : xMax])
    .range([rect.x, rect.x + rect.width]);
  const y = scaleLinear()
    .domain(yMax === yMin ? [yMin - 0.5, yMax + 0.5] : [yMin, yMax])
    .range([rect.y + rect.height, rect.y]);
  if (!options.yDomain) y.nice();

  renderAxes(layer(root, 'axes'), x, y, rect, {
    xLabel: options.xLabel,
    yLabel: options.yLabel,
    ...(options.yFormat ? { yFormat: options.yFormat } : {}),
  });

  const path = line<number>();
  const lines = layer(root, 'series');
  lines
    .selectAll<SVGPathElement, LineSeries>('path.series')
    .data(series, (s) => s.key)
    .join('path')
    .attr('class', 'series')
    .attr('data-key', (s) => s.key)
    .attr('fill', 'none')
    .attr('stroke', (s, i) => colourOf(s, i))
    .attr('stroke-width', 1.75)
    .attr('stroke-linejoin', 'round')
    .attr('stroke-dasharray', (s) => DASHES[s.dash ?? 'solid'])
    .attr('d', (s) => {
      const ids = decimate(s.x, s.y, xMin, xMax, rect.width);
      path
        .defined((i) => finite(s.y[i]) && finite(s.x[i]))
        .x((i) => x(s.x[i]))
        .y((i) => y(s.y[i]));
      return path(ids) ?? '';
    });
}
