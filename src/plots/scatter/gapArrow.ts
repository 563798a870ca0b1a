import { layer, writeChanged, type GroupSelection } from '../frame';
import { MODALITY_STYLE, THEME, type ModalityStyle } from '../theme';
import { markerPath } from './markers';

import {
  CENTROID_SIZE,
  estimatedLabelWidth,
  gapLabelBox,
  labelSide,
  MIN_ARROW_PX,
  separateLabels,
  type GapArrowGeometry,
} from './gapLabels';

export { gapLabelBox, separateLabels, type GapArrowGeometry, type LabelBox } from './gapLabels';

/** One modality's centroid as drawn: pixel position and the modality's style. */
export interface CentroidMark {
  key: string;
  at: [number, number];
  style: ModalityStyle;
}

/** One gap arrow between two centroids (pixel positions), with its label. */
export interface GapArrowMark {
  key: string;
  from: [number, number];
  to: [number, number];
  label: string;
}

/**
 * The modality-gap mark: each modality's centroid as a large marker of its own shape with a dark rim,
 * an arrow between them whose line runs exactly centroid to centroid (the head stops at the caption
 * centroid's rim), and a label at the middle on a white halo. Layer `gap` of root; `null` clears it.
 */
export function renderGapArrow(root: GroupSelection, geometry: GapArrowGeometry | null): void {
  if (!geometry) {
    renderGapArrows(root, [], []);
    return;
  }
  renderGapArrows(
    root,
    [{ key: 'image-text', from: geometry.image, to: geometry.text, label: geometry.label }],
    [
      { key: 'image', at: geometry.image, style: MODALITY_STYLE.image },
      { key: 'text', at: geometry.text, style: MODALITY_STYLE.text },
    ],
  );
}

/** Pixel geometry of one arrow: whether its shaft shows, and its head's path. */
function arrowShape(a: GapArrowMark) {
  const [x1, y1] = a.from;
  const [x2, y2] = a.to;
  const length = Math.hypot(x2 - x1, y2 - y1);
  // The head is a polygon placed at the end of the line, pulled back by the centroid marker's radius.
  const ux = length > 0 ? (x2 - x1) / length : 1;
  const uy = length > 0 ? (y2 - y1) / length : 0;
  const tipX = x2 - ux * (CENTROID_SIZE / 2 + 2);
  const tipY = y2 - uy * (CENTROID_SIZE / 2 + 2);
  const [w, l] = [5, 12];
  const head = `M${tipX},${tipY}L${tipX - ux * l - uy * w},${tipY - uy * l + ux * w}L${tipX - ux * l + uy * w},${tipY - uy * l - ux * w}Z`;
  return { show: length >= MIN_ARROW_PX, tipX, tipY, head };
}

/**
 * Any number of centroids and of arrows between them (one per pair of modalities), drawn as
 * renderGapArrow draws its one: arrows first, then the centroids over their ends, then the labels.
 */
export function renderGapArrows(
  root: GroupSelection,
  arrows: readonly GapArrowMark[],
  centroids: readonly CentroidMark[],
): void {
  const g = layer(root, 'gap');
  const shown = arrows.map((a) => ({ ...a, ...arrowShape(a) })).filter((a) => a.show);

  // White halos under the shafts and the centroids keep them legible over dense points of any colour.
  // Called on every frame of a glide: elements are keyed and only the attributes that moved are written.
  writeChanged(g.selectAll<SVGLineElement, Shown>('line.gap-halo').data(shown, key).join('line'), (d) => ({
    class: 'gap-halo',
    x1: d.from[0],
    y1: d.from[1],
    x2: d.tipX,
    y2: d.tipY,
    stroke: THEME.background,
    'stroke-opacity': 0.9,
    'stroke-width': 6,
  }));
  writeChanged(g.selectAll<SVGLineElement, Shown>('line.gap-line').data(shown, key).join('line'), (d) => ({
    class: `gap-line gap-line-${d.key}`,
    x1: d.from[0],
    y1: d.from[1],
    x2: d.to[0],
    y2: d.to[1],
    stroke: THEME.ink,
    'stroke-width': 2,
  }));
  writeChanged(g.selectAll<SVGPathElement, Shown>('path.gap-head').data(shown, key).join('path'), (d) => ({
    class: 'gap-head',
    d: d.head,
    fill: THEME.ink,
  }));

  const centroid = (selector: string) =>
    g.selectAll<SVGPathElement, CentroidMark>(selector).data(centroids, key).join('path');
  writeChanged(centroid('path.centroid-halo'), (d) => ({
    class: 'centroid-halo',
    d: markerPath(d.style.marker, d.at[0], d.at[1], CENTROID_SIZE),
    fill: 'none',
    stroke: THEME.background,
    'stroke-width': 6,
  }));
  writeChanged(centroid('path.centroid'), (d) => ({
    class: `centroid centroid-${d.key}`,
    d: markerPath(d.style.marker, d.at[0], d.at[1], CENTROID_SIZE),
    fill: d.style.colour,
    stroke: THEME.ink,
    'stroke-width': 2,
  }));

  // The labels' text first, so that each can be measured (once per text) before it is placed.
  const texts = g.selectAll<SVGTextElement, GapArrowMark>('text.gap-label').data(arrows, key).join('text');
  writeChanged(texts, (d) => ({
    class: 'gap-label',
    'data-pair': d.key,
    'text-anchor': 'middle',
    dy: '0.35em',
    'font-weight': 600,
    fill: THEME.ink,
    stroke: THEME.background,
    'stroke-width': 4,
    'stroke-linejoin': 'round',
    'paint-order': 'stroke',
    textContent: d.label,
  }));
  const widths = texts.nodes().map((el, i) => labelWidth(el, arrows[i].label));
  // Three or more clouds: each label goes outside the triangle of arrows, by its own arrow.
  const away = centroids.length > 2 ? meanPoint(centroids.map((c) => c.at)) : undefined;
  const geometry = arrows.map((a) => ({ image: a.from, text: a.to, label: a.label }));
  const boxes = separateLabels(
    geometry.map((a, i) => gapLabelBox(a, widths[i], away)),
    geometry.map((a) => labelSide(a, away)),
  );
  const placed = new Map(arrows.map((a, i) => [a.key, boxes[i]]));
  writeChanged(texts, (d) => {
    const box = placed.get(d.key)!;
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  });
}

/** Each label element's width in px, kept while its text stays: measuring makes the browser lay it out. */
const measured = new WeakMap<SVGTextElement, { label: string; width: number }>();

function labelWidth(el: SVGTextElement, label: string): number {
  const known = measured.get(el);
  if (known?.label === label) return known.width;
  // Where text is not laid out (jsdom, a plot not shown) the width is estimated from the label's length.
  const length = typeof el.getComputedTextLength === 'function' ? el.getComputedTextLength() : 0;
  const width = length > 0 ? length : estimatedLabelWidth(label);
  measured.set(el, { label, width });
  return width;
}

function meanPoint(points: readonly (readonly [number, number])[]): [number, number] {
  const sum = points.reduce((acc, p) => [acc[0] + p[0], acc[1] + p[1]], [0, 0]);
  return [sum[0] / points.length, sum[1] / points.length];
}

type Shown = GapArrowMark & ReturnType<typeof arrowShape>;
const key = (d: { key: string }): string => d.key;
