import { layer, type GroupSelection } from '../frame';
import { MODALITY_STYLE, THEME } from '../theme';
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

/**
 * The modality-gap mark: each modality's centroid as a large marker of its own shape with a dark rim,
 * an arrow between them whose line runs exactly centroid to centroid (the head stops at the caption
 * centroid's rim), and a label at the middle on a white halo. Layer `gap` of root; `null` clears it.
 */
export function renderGapArrow(root: GroupSelection, geometry: GapArrowGeometry | null): void {
  const g = layer(root, 'gap');
  if (!geometry) {
    g.selectAll('*').remove();
    return;
  }
  const [x1, y1] = geometry.image;
  const [x2, y2] = geometry.text;
  const length = Math.hypot(x2 - x1, y2 - y1);
  const showArrow = length >= MIN_ARROW_PX;

  // The head is a polygon placed at the end of the line, pulled back by the centroid marker's radius.
  const ux = length > 0 ? (x2 - x1) / length : 1;
  const uy = length > 0 ? (y2 - y1) / length : 0;
  const tipX = x2 - ux * (CENTROID_SIZE / 2 + 2);
  const tipY = y2 - uy * (CENTROID_SIZE / 2 + 2);
  const head = (w: number, l: number): string =>
    `M${tipX},${tipY}L${tipX - ux * l - uy * w},${tipY - uy * l + ux * w}L${tipX - ux * l + uy * w},${tipY - uy * l - ux * w}Z`;

  // White halos under the shaft and the centroids keep them legible over dense points of either colour.
  g.selectAll('line.gap-halo')
    .data(showArrow ? [0] : [])
    .join('line')
    .attr('class', 'gap-halo')
    .attr('x1', x1)
    .attr('y1', y1)
    .attr('x2', tipX)
    .attr('y2', tipY)
    .attr('stroke', THEME.background)
    .attr('stroke-opacity', 0.9)
    .attr('stroke-width', 6);
  g.selectAll('line.gap-line')
    .data(showArrow ? [0] : [])
    .join('line')
    .attr('class', 'gap-line')
    .attr('x1', x1)
    .attr('y1', y1)
    .attr('x2', x2)
    .attr('y2', y2)
    .attr('stroke', THEME.ink)
    .attr('stroke-width', 2);
  g.selectAll('path.gap-head')
    .data(showArrow ? [0] : [])
    .join('path')
    .attr('class', 'gap-head')
    .attr('d', head(5, 12))
    .attr('fill', THEME.ink);

  const centroids = [
    { key: 'image', x: x1, y: y1, style: MODALITY_STYLE.image },
    { key: 'text', x: x2, y: y2, style: MODALITY_STYLE.text },
  ];
  g.selectAll('path.centroid-halo')
    .data(centroids)
    .join('path')
    .attr('class', 'centroid-halo')
    .attr('d', (d) => markerPath(d.style.marker, d.x, d.y, CENTROID_SIZE))
    .attr('fill', 'none')
    .attr('stroke', THEME.background)
    .attr('stroke-width', 6);
  g.selectAll('path.centroid')
    .data(centroids)
    .join('path')
    .attr('class', (d) => `centroid centroid-${d.key}`)
    .attr('d', (d) => markerPath(d.style.marker, d.x, d.y, CENTROID_SIZE))
    .attr('fill', (d) => d.style.colour)
    .attr('stroke', THEME.ink)
    .attr('stroke-width', 2);

  const box = gapLabelBox(geometry);
  g.selectAll('text.gap-label')
    .data([geometry.label])
    .join('text')
    .attr('class', 'gap-label')
    .attr('x', box.x + box.width / 2)
    .attr('y', box.y + box.height / 2)
    .attr('text-anchor', 'middle')
    .attr('dy', '0.35em')
    .attr('font-weight', 600)
    .attr('fill', THEME.ink)
    .attr('stroke', THEME.background)
    .attr('stroke-width', 4)
    .attr('stroke-linejoin', 'round')
    .attr('paint-order', 'stroke')
    .text((d) => d);
}

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
