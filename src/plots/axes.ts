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
  xFormat?: (value: number) => string;
  yFormat?: (value: number) => string;
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
  const xAxis = axisBottom(x).ticks(options.xTicks ?? Math.max(2, Math.round(rect.width / 80)));
  const yAxis = axisLeft(y).ticks(options.yTicks ?? Math.max(2, Math.round(rect.height / 50)));
  if (options.xFormat) xAxis.tickFormat((v) => options.xFormat!(Number(v)));
  if (options.yFormat) yAxis.tickFormat((v) => options.yFormat!(Number(v)));
  xAxis.tickSizeOuter(0);
  yAxis.tickSizeOuter(0);

  const grid = layer(root, 'grid');
  if (options.grid ?? true) {
    grid
      .selectAll('line.gx')
      .data(x.ticks(options.xTicks ?? Math.max(2, Math.round(rect.width / 80))))
      .join('line')
      .attr('class', 'gx')
      .attr('x1', (d) => x(d))
      .attr('x2', (d) => x(d))
      .attr('y1', rect.y)
      .attr('y2', rect.y + rect.height)
      .attr('stroke', THEME.grid);
    grid
      .selectAll('line.gy')
      .data(y.ticks(options.yTicks ?? Math.max(2, Math.round(rect.height / 50))))
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
