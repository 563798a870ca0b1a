import type { ScaleLinear } from 'd3';
import { layer, writeChanged, type GroupSelection, type PlotRect } from './frame';
import { renderLinearAxis } from './linearAxis';
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

/** What each root's axes were last drawn from (see axesSignature). */
const drawn = new WeakMap<SVGGElement, string>();

/**
 * Everything the axes' elements are made of: the ends of both ranges, each tick's place and label, the
 * plot rect, the titles and the grid. Equal signatures give identical elements.
 */
function axesSignature(
  x: ScaleLinear<number, number>,
  y: ScaleLinear<number, number>,
  ticks: { x: number[]; y: number[] },
  formats: { x: (v: number) => string; y: (v: number) => string },
  rect: PlotRect,
  options: AxesOptions,
): string {
  const place = (scale: ScaleLinear<number, number>, values: number[], format: (v: number) => string) =>
    values.map((v) => `${scale(v)}:${format(v)}`).join(',');
  return [
    x.range().join(),
    y.range().join(),
    place(x, ticks.x, formats.x),
    place(y, ticks.y, formats.y),
    `${rect.x},${rect.y},${rect.width},${rect.height}`,
    options.xLabel ?? '',
    options.yLabel ?? '',
    options.grid ?? true,
    // d3's axis offsets ticks by half a pixel on screens of ratio 1.
    typeof devicePixelRatio === 'number' ? devicePixelRatio : 1,
  ].join('|');
}

/**
 * Bottom and left axes of a plot, their titles and an optional grid, into `root` (layers `grid`,
 * `x-axis`, `y-axis`, `x-label`, `y-label`). Drawn for plots redrawn every frame (the gliding scatter):
 * a call that would draw what is already there returns at once, and otherwise only what changed is
 * written (a tick that stays keeps its label; see linearAxis.ts).
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
  const ticks = { x: x.ticks(xCount), y: y.ticks(yCount) };
  const signature = axesSignature(x, y, ticks, { x: xFormat, y: yFormat }, rect, options);
  const node = root.node();
  if (node && drawn.get(node) === signature) return;
  if (node) drawn.set(node, signature);
  const grid = layer(root, 'grid');
  if (options.grid ?? true) {
    grid
      .selectAll('line.gx')
      .data(ticks.x)
      .join('line')
      .attr('class', 'gx')
      .attr('x1', (d) => x(d))
      .attr('x2', (d) => x(d))
      .attr('y1', rect.y)
      .attr('y2', rect.y + rect.height)
      .attr('stroke', THEME.grid);
    grid
      .selectAll('line.gy')
      .data(ticks.y)
      .join('line')
      .attr('class', 'gy')
      .attr('x1', rect.x)
      .attr('x2', rect.x + rect.width)
      .attr('y1', (d) => y(d))
      .attr('y2', (d) => y(d))
      .attr('stroke', THEME.grid);
  } else grid.selectAll('*').remove();

  const gx = layer(root, 'x-axis');
  writeChanged(gx, () => ({ transform: `translate(0,${rect.y + rect.height})` }));
  renderLinearAxis(gx, x, 'bottom', ticks.x, xFormat);
  const gy = layer(root, 'y-axis');
  writeChanged(gy, () => ({ transform: `translate(${rect.x},0)` }));
  renderLinearAxis(gy, y, 'left', ticks.y, yFormat);

  const titles = (
    name: string,
    text: string | undefined,
    at: (d: string) => Record<string, string | number>,
  ) =>
    writeChanged(
      layer(root, name)
        .selectAll<SVGTextElement, string>('text')
        .data(text ? [text] : [])
        .join('text'),
      at,
    );
  titles('x-label', options.xLabel, (d) => ({
    x: rect.x + rect.width / 2,
    y: rect.y + rect.height + 34,
    'text-anchor': 'middle',
    fill: THEME.ink,
    textContent: d,
  }));
  titles('y-label', options.yLabel, (d) => ({
    transform: `translate(${rect.x - 44},${rect.y + rect.height / 2}) rotate(-90)`,
    'text-anchor': 'middle',
    fill: THEME.ink,
    textContent: d,
  }));
}
