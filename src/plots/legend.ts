import { layer, type GroupSelection } from './frame';
import { THEME } from './theme';

/** One legend entry: a swatch drawn by `swatch` in a 20x12 box, then the label. */
export interface LegendEntry {
  key: string;
  label: string;
  /** Draws the swatch into g (origin at the swatch's left middle). */
  swatch(g: GroupSelection): void;
}

/**
 * A legend in rows (wrapping past `maxWidth`; one entry per row when `vertical`), at (x, y), into
 * `root`'s layer `legend`, on a translucent white plate so it stays legible over data. Returns its size.
 */
export function renderLegend(
  root: GroupSelection,
  entries: readonly LegendEntry[],
  x: number,
  y: number,
  options: { vertical?: boolean; anchor?: 'start' | 'end'; maxWidth?: number } = {},
): { width: number; height: number } {
  const g = layer(root, 'legend');
  g.selectAll('*').remove();
  const rowH = 18;
  // Width is estimated from character counts: jsdom and export paths have no text metrics.
  const widths = entries.map((e) => 26 + e.label.length * THEME.fontSize * 0.58 + 14);
  // Place entries left to right, wrapping onto a new row past maxWidth (one per row when vertical).
  const limit = options.vertical ? 0 : (options.maxWidth ?? Infinity);
  const spots: [number, number][] = [];
  let cx = 0;
  let row = 0;
  let width = 0;
  widths.forEach((w, i) => {
    if (i > 0 && (options.vertical || cx + w > limit)) {
      row++;
      cx = 0;
    }
    spots.push([cx, row * rowH + rowH / 2]);
    cx += w;
    width = Math.max(width, cx);
  });
  const height = (row + 1) * rowH + 6;
  const left = options.anchor === 'end' ? x - width : x;
  g.attr('transform', `translate(${left},${y})`);
  g.append('rect')
    .attr('class', 'legend-plate')
    .attr('x', -6)
    .attr('y', -3)
    .attr('width', width + 6)
    .attr('height', height)
    .attr('rx', 4)
    .attr('fill', THEME.background)
    .attr('fill-opacity', 0.85)
    .attr('stroke', THEME.grid);
  entries.forEach((entry, i) => {
    const item = g
      .append('g')
      .attr('class', 'legend-entry')
      .attr('data-key', entry.key)
      .attr('transform', `translate(${spots[i][0]},${spots[i][1]})`);
    entry.swatch(item.append('g').attr('class', 'swatch'));
    item.append('text').attr('x', 26).attr('dy', '0.35em').attr('fill', THEME.ink).text(entry.label);
  });
  return { width, height };
}
