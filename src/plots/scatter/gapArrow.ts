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

  // Label beside the middle of the arrow on its upper side (the normal pointing up the screen), on a halo.
  // With no arrow (centroids close together) it goes above both centroid markers.
  const flip = ux > 0 || (ux === 0 && uy < 0) ? 1 : -1;
  const offset = showArrow ? 14 : CENTROID_SIZE + 8;
  const mx = showArrow ? (x1 + x2) / 2 + flip * uy * offset : (x1 + x2) / 2;
  const my = showArrow ? (y1 + y2) / 2 - flip * ux * offset : Math.min(y1, y2) - offset;
  g.selectAll('text.gap-label')
    .data([geometry.label])
    .join('text')
    .attr('class', 'gap-label')
    .attr('x', mx)
    .attr('y', my)
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
