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
 * A legend in one row (or column when `vertical`), at (x, y), into `root`'s layer `legend`, on a
 * translucent white plate so it stays legible over data. Returns its width and height.
 */
export function renderLegend(
  root: GroupSelection,
  entries: readonly LegendEntry[],
  x: number,
  y: number,
  options: { vertical?: boolean; anchor?: 'start' | 'end' } = {},
): { width: number; height: number } {
  const g = layer(root, 'legend');
  g.selectAll('*').remove();
  const rowH = 18;
  // Width is estimated from character counts: jsdom and export paths have no text metrics.
  const widths = entries.map((e) => 26 + e.label.length * THEME.fontSize * 0.58 + 14);
  const width = options.vertical ? Math.max(0, ...widths) : widths.reduce((s, w) => s + w, 0);
  const height = options.vertical ? entries.length * rowH + 6 : rowH + 6;
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
  let cx = 0;
  entries.forEach((entry, i) => {
    const item = g
      .append('g')
      .attr('class', 'legend-entry')
      .attr('data-key', entry.key)
      .attr('transform', options.vertical ? `translate(0,${i * rowH + rowH / 2})` : `translate(${cx},${rowH / 2})`);
    entry.swatch(item.append('g').attr('class', 'swatch') as unknown as GroupSelection);
    item
      .append('text')
      .attr('x', 26)
      .attr('dy', '0.35em')
      .attr('fill', THEME.ink)
      .text(entry.label);
    cx += widths[i]!;
  });
  return { width, height };
}
