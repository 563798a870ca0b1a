import { layer, type GroupSelection } from '../frame';
import { MODALITY_STYLE, THEME, type Modality } from '../theme';
import { markerPath } from './markers';
import type { PixelTransform } from './scatterScales';
import type { ScatterSelection } from './scatterTypes';

/**
 * The few points the user is looking at, drawn crisply in SVG above the canvas: the selected pair
 * (both markers enlarged with a dark rim, joined by a line), its neighbours (rimmed), and the hovered
 * point (a ring). Layer `selection` of root.
 */
export function renderSelectionMarks(
  root: GroupSelection,
  xy: Float32Array,
  n: number,
  t: PixelTransform,
  selection: ScatterSelection,
  pointSize: number,
  blocks: readonly Modality[] = ['image', 'text'],
): void {
  const g = layer(root, 'selection');
  const groups = blocks.length;
  const px = (r: number): [number, number] => [t.ax * xy[2 * r] + t.bx, t.ay * xy[2 * r + 1] + t.by];
  const style = (r: number) => MODALITY_STYLE[blocks[Math.floor(r / n)] ?? 'image'];
  const valid = (r: number | null | undefined): r is number =>
    r !== null && r !== undefined && r >= 0 && r < groups * n;

  const pair =
    selection.selected !== null && selection.selected >= 0 && selection.selected < n
      ? selection.selected
      : null;
  // The selected item's codes joined in turn: one line for two modalities, a triangle for three.
  const rowsOf = (p: number) => Array.from({ length: groups }, (_, k) => k * n + p);
  const itemRows = pair === null ? [] : rowsOf(pair);
  const link = (itemRows.length === 2 ? [itemRows[0]] : itemRows).map(
    (r, k) => [px(r), px(itemRows[(k + 1) % itemRows.length])] as const,
  );
  g.selectAll('line.pair-link')
    .data(link)
    .join('line')
    .attr('class', 'pair-link')
    .attr('x1', (d) => d[0][0])
    .attr('y1', (d) => d[0][1])
    .attr('x2', (d) => d[1][0])
    .attr('y2', (d) => d[1][1])
    .attr('stroke', THEME.ink)
    .attr('stroke-width', 1.5)
    .attr('stroke-dasharray', '5 3');

  const neighbours = (selection.neighbours ?? []).filter(
    (r) => valid(r) && !(pair !== null && r % n === pair),
  );
  g.selectAll('path.neighbour')
    .data(neighbours)
    .join('path')
    .attr('class', 'neighbour')
    .attr('d', (r) => markerPath(style(r).marker, ...px(r), pointSize * 1.6))
    .attr('fill', (r) => style(r).colour)
    .attr('stroke', THEME.ink)
    .attr('stroke-width', 1);

  // The selected pair: markers a little enlarged, each inside a ring, so they cannot be mistaken
  // for the (larger, ring-less) centroids of the gap arrow.
  const chosen = itemRows;
  g.selectAll('circle.selected-ring')
    .data(chosen)
    .join('circle')
    .attr('class', 'selected-ring')
    .attr('cx', (r) => px(r)[0])
    .attr('cy', (r) => px(r)[1])
    .attr('r', pointSize * 1.5 + 4)
    .attr('fill', THEME.background)
    .attr('fill-opacity', 0.7)
    .attr('stroke', THEME.ink)
    .attr('stroke-width', 1.5);
  g.selectAll('path.selected')
    .data(chosen)
    .join('path')
    .attr('class', 'selected')
    .attr('d', (r) => markerPath(style(r).marker, ...px(r), pointSize * 1.6))
    .attr('fill', (r) => style(r).colour)
    .attr('stroke', THEME.ink)
    .attr('stroke-width', 1);

  const hovered = valid(selection.hovered) ? [selection.hovered] : [];
  g.selectAll('circle.hovered')
    .data(hovered)
    .join('circle')
    .attr('class', 'hovered')
    .attr('cx', (r) => px(r)[0])
    .attr('cy', (r) => px(r)[1])
    .attr('r', pointSize * 1.2 + 3)
    .attr('fill', 'none')
    .attr('stroke', THEME.muted)
    .attr('stroke-width', 1.25);
}
