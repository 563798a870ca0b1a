import { layer, writeChanged, type GroupSelection } from '../frame';
import { MODALITY_STYLE, THEME, type ModalityStyle } from '../theme';
import { markerPath } from './markers';

/** Pixel positions of the two centroids; the arrow runs from the image centroid to the caption one. */
export interface GapArrowGeometry {
  image: [number, number];
  text: [number, number];
  label: string;
}

const CENTROID_SIZE = 17;
/** Clearance (px) between the label's box and the arrow's line: more than a centroid marker's halo radius. */
const LABEL_CLEARANCE = CENTROID_SIZE / 2 + 5;
/** Width of one character of the bold label, a little over the average at the plot's 12 px font. */
const LABEL_CHAR_PX = 7.2;
const LABEL_HEIGHT_PX = 15;
/** Below this length (px) the arrow head would cover its own shaft: only the centroids are drawn. */
const MIN_ARROW_PX = 18;

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

  const boxes = separateLabels(arrows.map((a) => gapLabelBox({ image: a.from, text: a.to, label: a.label })));
  const labels = arrows.map((a, i) => ({ key: a.key, label: a.label, box: boxes[i] }));
  const texts = g.selectAll<SVGTextElement, (typeof labels)[number]>('text.gap-label').data(labels, key);
  writeChanged(texts.join('text'), (d) => ({
    class: 'gap-label',
    'data-pair': d.key,
    x: d.box.x + d.box.width / 2,
    y: d.box.y + d.box.height / 2,
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
}

type Shown = GapArrowMark & ReturnType<typeof arrowShape>;
const key = (d: { key: string }): string => d.key;

/** A label's box in px: top-left corner and size. */
export interface LabelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where the gap label goes: beside the middle of the arrow on its upper side, far enough along the
 * arrow's normal that no part of the label's box comes within LABEL_CLEARANCE of the arrow's line (so it
 * covers neither the shaft nor the centroid markers at its ends, whatever the arrow's angle). With no
 * arrow (centroids close together) it goes above both centroid markers.
 */
export function gapLabelBox(geometry: GapArrowGeometry): LabelBox {
  const [x1, y1] = geometry.image;
  const [x2, y2] = geometry.text;
  const width = geometry.label.length * LABEL_CHAR_PX;
  const height = LABEL_HEIGHT_PX;
  const length = Math.hypot(x2 - x1, y2 - y1);
  if (length < MIN_ARROW_PX) {
    const cy = Math.min(y1, y2) - CENTROID_SIZE / 2 - 4 - height / 2;
    return { x: (x1 + x2) / 2 - width / 2, y: cy - height / 2, width, height };
  }
  const ux = (x2 - x1) / length;
  const uy = (y2 - y1) / length;
  // The unit normal pointing up the screen (y grows downwards).
  let nx = uy;
  let ny = -ux;
  if (ny > 0 || (ny === 0 && nx < 0)) {
    nx = -nx;
    ny = -ny;
  }
  // Half the box's extent along the normal, plus the clearance: the box then stays off the whole line.
  const offset = (Math.abs(nx) * width) / 2 + (Math.abs(ny) * height) / 2 + LABEL_CLEARANCE;
  const cx = (x1 + x2) / 2 + nx * offset;
  const cy = (y1 + y2) / 2 + ny * offset;
  return { x: cx - width / 2, y: cy - height / 2, width, height };
}

const overlaps = (a: LabelBox, b: LabelBox): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Label boxes moved apart: each box that overlaps an earlier one is moved up just above it, until it
 * overlaps none (three labels whose arrows meet near one point would otherwise print over each other).
 * The first box never moves, so two modalities' one label stays where gapLabelBox puts it.
 */
export function separateLabels(boxes: readonly LabelBox[]): LabelBox[] {
  const placed: LabelBox[] = [];
  for (const box of boxes) {
    const b = { ...box };
    for (let tries = 0; tries < boxes.length * 2; tries++) {
      const hit = placed.find((p) => overlaps(p, b));
      if (!hit) break;
      b.y = hit.y - b.height - 2;
    }
    placed.push(b);
  }
  return placed;
}
