import { interpolatePuOr, range, scaleBand, scaleLinear, axisBottom, axisLeft, axisRight } from 'd3';
import { layer, prepareSvg, type Margin, type PlotRect } from './frame';
import { THEME } from './theme';

/**
 * The cosine similarities of a batch, images (rows) x captions (columns), as coloured cells on a canvas
 * with SVG axes, the diagonal (the true pairs) outlined, and a colour legend. The scale is diverging
 * and fixed to [-1, 1] so that colours mean the same at every step; PuOr keeps its two ends distinct
 * for colour-blind readers and its middle (0) white.
 */
export interface HeatmapData {
  /** [rows, cols] row-major cosine similarities. */
  values: Float32Array;
  rows: number;
  cols: number;
  /** Optional tick labels (e.g. short captions); indices otherwise. */
  rowLabels?: readonly string[];
  colLabels?: readonly string[];
}

export interface HeatmapOptions {
  width: number;
  height: number;
  rowTitle?: string;
  colTitle?: string;
  /** Value in [0, 1] to colour; default d3's PuOr: -1 deep purple, 0 white, +1 brown-orange. */
  interpolator?: (t: number) => string;
  /** Outline the diagonal cells i = j (default true). */
  outlineDiagonal?: boolean;
}

/** The canvas and the SVG on top of it (same size, same position). */
export interface HeatmapTarget {
  canvas: HTMLCanvasElement;
  svg: SVGSVGElement;
}

const MARGIN: Margin = { top: 12, right: 78, bottom: 46, left: 54 };

/** Colour of interpolator position t = (similarity + 1) / 2: -1 purple, 0 white, +1 brown-orange. */
export const defaultInterpolator = (t: number): string => interpolatePuOr(t);

/** Square cells that fit the frame, and the rectangle they fill. */
export function heatmapLayout(
  rows: number,
  cols: number,
  width: number,
  height: number,
): { cell: number; rect: PlotRect } {
  const cell = Math.max(
    1,
    Math.min((width - MARGIN.left - MARGIN.right) / cols, (height - MARGIN.top - MARGIN.bottom) / rows),
  );
  return { cell, rect: { x: MARGIN.left, y: MARGIN.top, width: cell * cols, height: cell * rows } };
}

/** [rows·cols·4] RGBA bytes, one pixel per cell; non-finite values are transparent. */
export function heatmapRgba(
  data: HeatmapData,
  interpolator: (t: number) => string = defaultInterpolator,
): Uint8ClampedArray {
  const out = new Uint8ClampedArray(data.rows * data.cols * 4);
  // 256 colours, computed once: parsing a CSS colour per cell would dominate for big batches.
  const lut = new Uint8ClampedArray(256 * 3);
  for (let k = 0; k < 256; k++) {
    const m = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(interpolator(k / 255)) ?? hexMatch(interpolator(k / 255));
    lut.set([Number(m[1]), Number(m[2]), Number(m[3])], k * 3);
  }
  for (let i = 0; i < data.rows * data.cols; i++) {
    const v = data.values[i];
    if (!Number.isFinite(v)) continue;
    const k = Math.round(((Math.max(-1, Math.min(1, v)) + 1) / 2) * 255);
    out[4 * i] = lut[3 * k];
    out[4 * i + 1] = lut[3 * k + 1];
    out[4 * i + 2] = lut[3 * k + 2];
    out[4 * i + 3] = 255;
  }
  return out;
}

function hexMatch(colour: string): string[] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!m) throw new Error(`heatmap: unreadable colour ${colour}`);
  return ['', String(parseInt(m[1], 16)), String(parseInt(m[2], 16)), String(parseInt(m[3], 16))];
}

/** The cell under (px, py) in CSS px, or null: for tooltips. */
export function heatmapCellAt(
  rows: number,
  cols: number,
  width: number,
  height: number,
  px: number,
  py: number,
): { row: number; col: number } | null {
  const { cell, rect } = heatmapLayout(rows, cols, width, height);
  const col = Math.floor((px - rect.x) / cell);
  const row = Math.floor((py - rect.y) / cell);
  return row >= 0 && row < rows && col >= 0 && col < cols ? { row, col } : null;
}

/** Width of one character of a tick label (d3's axes draw them at 10 px), a little over the average. */
export const TICK_CHAR_PX = 6.5;
/** Height of a tick label, and the least space between two neighbouring labels, in px. */
const TICK_HEIGHT_PX = 12;
const TICK_GAP_PX = 4;

/**
 * The cells that get a tick label: every `step`-th from 0, with the step the smallest whose labels do not
 * run together at `cellPx` per cell (each label takes `size(i)` px along the axis plus a gap), and at
 * most about 16 labels. Columns measure a label by its width, rows by its height.
 */
export function tickIndices(n: number, cellPx: number, size: (i: number) => number): number[] {
  let widest = 0;
  for (let i = 0; i < n; i++) widest = Math.max(widest, size(i));
  const fit = Math.ceil((widest + TICK_GAP_PX) / Math.max(cellPx, 1e-9));
  const step = Math.max(1, fit, Math.ceil(n / 16));
  return range(0, n, step);
}

/** What each heatmap's SVG layer was last drawn from. */
const svgDrawn = new WeakMap<SVGSVGElement, { signature: string; interpolator: (t: number) => string }>();

export function renderHeatmap(target: HeatmapTarget, data: HeatmapData, options: HeatmapOptions): void {
  const { rows, cols } = data;
  if (data.values.length !== rows * cols)
    throw new Error(`renderHeatmap: ${data.values.length} values for ${rows}x${cols}`);
  const { cell, rect } = heatmapLayout(rows, cols, options.width, options.height);
  drawCells(target.canvas, data, rect, options);

  // A new evaluation changes only the cells: the axes, titles, outline and colour bar are redrawn only
  // when what they are drawn from changes.
  const interpolator = options.interpolator ?? defaultInterpolator;
  const signature = [
    rows,
    cols,
    options.width,
    options.height,
    options.rowTitle,
    options.colTitle,
    options.outlineDiagonal ?? true,
    data.rowLabels?.join('\u0000'),
    data.colLabels?.join('\u0000'),
    typeof devicePixelRatio === 'number' ? devicePixelRatio : 1,
  ].join('|');
  const last = svgDrawn.get(target.svg);
  const kept = target.svg.querySelector(':scope > g.heatmap') !== null;
  if (kept && last?.signature === signature && last.interpolator === interpolator) return;
  svgDrawn.set(target.svg, { signature, interpolator });

  const root = layer(prepareSvg(target.svg, options.width, options.height), 'heatmap');
  const x = scaleBand<number>()
    .domain(range(cols))
    .range([rect.x, rect.x + rect.width]);
  const y = scaleBand<number>()
    .domain(range(rows))
    .range([rect.y, rect.y + rect.height]);
  const colLabel = (i: number): string => data.colLabels?.[i] ?? String(i);
  const rowLabel = (i: number): string => data.rowLabels?.[i] ?? String(i);
  const gx = layer(root, 'x-axis').attr('transform', `translate(0,${rect.y + rect.height})`);
  const colTicks = tickIndices(cols, cell, (i) => colLabel(i).length * TICK_CHAR_PX);
  gx.call(axisBottom(x).tickValues(colTicks).tickFormat(colLabel).tickSizeOuter(0));
  const gy = layer(root, 'y-axis').attr('transform', `translate(${rect.x},0)`);
  gy.call(
    axisLeft(y)
      .tickValues(tickIndices(rows, cell, () => TICK_HEIGHT_PX))
      .tickFormat(rowLabel)
      .tickSizeOuter(0),
  );
  for (const g of [gx, gy]) {
    g.attr('font-family', null).selectAll('.domain, .tick line').attr('stroke', THEME.ink);
    g.selectAll('.tick text').attr('fill', THEME.muted);
  }
  layer(root, 'titles')
    .selectAll('text')
    .data([
      {
        key: 'col',
        text: options.colTitle ?? 'captions',
        x: rect.x + rect.width / 2,
        y: rect.y + rect.height + 36,
        rotate: 0,
      },
      {
        key: 'row',
        text: options.rowTitle ?? 'images',
        x: rect.x - 40,
        y: rect.y + rect.height / 2,
        rotate: -90,
      },
    ])
    .join('text')
    .attr('class', (d) => `title-${d.key}`)
    .attr('text-anchor', 'middle')
    .attr('transform', (d) => `translate(${d.x},${d.y}) rotate(${d.rotate})`)
    .attr('fill', THEME.ink)
    .text((d) => d.text);

  // The true pairs: one path of cell outlines, stroked dark and (on cells big enough) white on top, so
  // the outline shows on the dark ends of the scale as well as on the white middle. The width follows
  // the cell size, so a 64x64 batch is not buried under its own outline.
  const diagonal = (options.outlineDiagonal ?? true) ? Math.min(rows, cols) : 0;
  const dark = Math.max(0.75, Math.min(3, cell / 5));
  const strokes: { stroke: string; width: number }[] = [{ stroke: THEME.ink, width: dark }];
  if (cell >= 10) strokes.push({ stroke: THEME.background, width: dark * 0.4 });
  const d = range(diagonal)
    .map((i) => `M${rect.x + i * cell},${rect.y + i * cell}h${cell}v${cell}h${-cell}Z`)
    .join('');
  layer(root, 'diagonal')
    .selectAll('path')
    .data(diagonal ? strokes : [])
    .join('path')
    .attr('d', d)
    .attr('fill', 'none')
    .attr('stroke', (s) => s.stroke)
    .attr('stroke-width', (s) => s.width);

  renderColourLegend(root, rect, interpolator);
}

/** A vertical gradient bar for -1..1 with ticks, right of the cells. */
function renderColourLegend(
  root: ReturnType<typeof layer>,
  rect: PlotRect,
  interpolator: (t: number) => string,
): void {
  const g = layer(root, 'colour-legend').attr(
    'transform',
    `translate(${rect.x + rect.width + 16},${rect.y})`,
  );
  const h = Math.max(60, Math.min(rect.height, 220));
  const id = 'heatmap-gradient';
  const defs = g.selectAll('defs').data([0]).join('defs');
  const gradient = defs
    .selectAll('linearGradient')
    .data([0])
    .join('linearGradient')
    .attr('id', id)
    .attr('x1', 0)
    .attr('x2', 0)
    .attr('y1', 1)
    .attr('y2', 0);
  gradient
    .selectAll('stop')
    .data(range(11).map((k) => k / 10))
    .join('stop')
    .attr('offset', (t) => `${t * 100}%`)
    .attr('stop-color', (t) => interpolator(t));
  g.selectAll('rect.bar')
    .data([0])
    .join('rect')
    .attr('class', 'bar')
    .attr('width', 12)
    .attr('height', h)
    .attr('fill', `url(#${id})`)
    .attr('stroke', THEME.ink)
    .attr('stroke-width', 0.5);
  const scale = scaleLinear().domain([-1, 1]).range([h, 0]);
  const axis = g
    .selectAll<SVGGElement, number>('g.axis')
    .data([0])
    .join('g')
    .attr('class', 'axis')
    .attr('transform', 'translate(12,0)');
  axis.call(axisRight(scale).tickValues([-1, -0.5, 0, 0.5, 1]).tickSizeOuter(0));
  axis.attr('font-family', null).selectAll('.domain, .tick line').attr('stroke', THEME.ink);
  g.selectAll('text.legend-title')
    .data(['cosine'])
    .join('text')
    .attr('class', 'legend-title')
    .attr('x', 0)
    .attr('y', h + 18)
    .attr('fill', THEME.ink)
    .text((t) => t);
}

/** Cells as one pixel each on an offscreen canvas, scaled up without smoothing. Skipped without canvas 2D. */
/** The one-pixel-per-cell canvas behind each heatmap canvas, kept between redraws. */
const cellCanvases = new WeakMap<HTMLCanvasElement, HTMLCanvasElement>();

function resize(canvas: HTMLCanvasElement, width: number, height: number): void {
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
}

function drawCells(
  canvas: HTMLCanvasElement,
  data: HeatmapData,
  rect: PlotRect,
  options: HeatmapOptions,
): void {
  const ratio = (typeof devicePixelRatio === 'number' && devicePixelRatio) || 1;
  // Each evaluation redraws the cells: the canvases keep their size (and memory) unless it changes, as
  // assigning a canvas's width, even its own, reallocates and clears its bitmap.
  resize(canvas, Math.round(options.width * ratio), Math.round(options.height * ratio));
  const width = `${options.width}px`;
  const height = `${options.height}px`;
  if (canvas.style.width !== width) canvas.style.width = width;
  if (canvas.style.height !== height) canvas.style.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  let cells = cellCanvases.get(canvas);
  if (!cells) {
    cells = document.createElement('canvas');
    cellCanvases.set(canvas, cells);
  }
  resize(cells, data.cols, data.rows);
  const cellCtx = cells.getContext('2d');
  if (!cellCtx) return;
  const image = cellCtx.createImageData(data.cols, data.rows);
  image.data.set(heatmapRgba(data, options.interpolator));
  cellCtx.putImageData(image, 0, 0);
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, options.width, options.height);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(cells, rect.x, rect.y, rect.width, rect.height);
}
