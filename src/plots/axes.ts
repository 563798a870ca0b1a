import { axisBottom, axisLeft, type ScaleLinear } from 'd3';
import { layer, type GroupSelection, type PlotRect } from './frame';
import { THEME } from './theme';

export interface AxesOptions {
  /** Title under the x axis, with its unit, e.g. 'step' or 'UMAP 1'. */
  xLabel?: string;
  /** Title beside the y axis, with its unit. */
  yLabel?: string;
  /** Approximate tick counts (d3 picks round values). */
  xTicks?: number;
  yTicks?: number;
  /** Light grid lines at the ticks (default true). */
  grid?: boolean;
  /** Preferred tick labels; where they would repeat (10.28 and 10.29 both '10.3'), d3's labels are used. */
  xFormat?: (value: number) => string;
  yFormat?: (value: number) => string;
}

/**
 * The labels of `scale`'s `count` nice ticks: `preferred` when it tells every tick apart, otherwise d3's
 * format, whose precision follows the tick step, so neighbours always differ (10.28, 10.29; -4.455,
 * -4.45). A preferred format that rounds to a fixed number of digits cannot know the range it is used on.
 */
export function distinctTickFormat(
  scale: ScaleLinear<number, number>,
  count: number,
  preferred?: (value: number) => string,
): (value: number) => string {
  const fallback = scale.tickFormat(count);
  if (!preferred) return fallback;
  const labels = scale.ticks(count).map(preferred);
  return new Set(labels).size === labels.length ? preferred : fallback;
}

/**
 * Bottom and left axes of a plot, their titles and an optional grid, into `root` (layers `grid`,
 * `x-axis`, `y-axis`, `x-label`, `y-label`).
 */
export function renderAxes(
  root: GroupSelection,
  x: ScaleLinear<number, number>,
  y: ScaleLinear<number, number>,
  rect: PlotRect,
  options: AxesOptions = {},
): void {
  const xCount = options.xTicks ?? Math.max(2, Math.round(rect.width / 80));
  const yCount = options.yTicks ?? Math.max(2, Math.round(rect.height / 50));
  const xFormat = distinctTickFormat(x, xCount, options.xFormat);
  const yFormat = distinctTickFormat(y, yCount, options.yFormat);
  const xAxis = axisBottom(x)
    .ticks(xCount)
    .tickFormat((v) => xFormat(Number(v)));
  const yAxis = axisLeft(y)
    .ticks(yCount)
    .tickFormat((v) => yFormat(Number(v)));
  xAxis.tickSizeOuter(0);
  yAxis.tickSizeOuter(0);

  const grid = layer(root, 'grid');
  if (options.grid ?? true) {
    grid
      .selectAll('line.gx')
      .data(x.ticks(xCount))
      .join('line')
      .attr('class', 'gx')
      .attr('x1', (d) => x(d))
      .attr('x2', (d) => x(d))
      .attr('y1', rect.y)
      .attr('y2', rect.y + rect.height)
      .attr('stroke', THEME.grid);
    grid
      .selectAll('line.gy')
      .data(y.ticks(yCount))
      .join('line')
      .attr('class', 'gy')
      .attr('x1', rect.x)
      .attr('x2', rect.x + rect.width)
      .attr('y1', (d) => y(d))
      .attr('y2', (d) => y(d))
      .attr('stroke', THEME.grid);
  } else grid.selectAll('*').remove();

  const gx = layer(root, 'x-axis').attr('transform', `translate(0,${rect.y + rect.height})`);
  gx.call(xAxis);
  const gy = layer(root, 'y-axis').attr('transform', `translate(${rect.x},0)`);
  gy.call(yAxis);
  for (const g of [gx, gy]) {
    g.attr('font-family', null).attr('font-size', THEME.fontSize);
    g.selectAll('.domain, .tick line').attr('stroke', THEME.ink);
    g.selectAll('.tick text').attr('fill', THEME.muted);
  }

  layer(root, 'x-label')
    .selectAll('text')
    .data(options.xLabel ? [options.xLabel] : [])
    .join('text')
    .attr('x', rect.x + rect.width / 2)
    .attr('y', rect.y + rect.height + 34)
    .attr('text-anchor', 'middle')
    .attr('fill', THEME.ink)
    .text((d) => d);
  layer(root, 'y-label')
    .selectAll('text')
    .data(options.yLabel ? [options.yLabel] : [])
    .join('text')
    .attr('transform', `translate(${rect.x - 44},${rect.y + rect.height / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('fill', THEME.ink)
    .text((d) => d);
}
