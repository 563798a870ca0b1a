/**
 * Saving the views as pictures: the scatter (points on a canvas under an SVG overlay), the line charts
 * (SVG) and the similarity heatmap (canvas under SVG labels), whose layers each view registers while it
 * is shown (`usePlotExport`), written with the plots' own export helpers. A canvas layer goes into the
 * SVG file as an embedded PNG.
 */
import { compositePng, svgToString, svgWithHeader } from '../../plots/export';
import type { PictureHeader } from '../../plots/pictureHeader';
import { plotLayers } from './plotRegistry';

export const PLOTS = [
  { id: 'scatter', label: 'Shared space (scatter)' },
  { id: 'chart-loss', label: 'Loss chart' },
  { id: 'chart-gap', label: 'Gap and alignment chart' },
  { id: 'chart-recall', label: 'Recall@1 chart' },
  { id: 'chart-uniformity', label: 'Uniformity chart' },
  { id: 'heatmap', label: 'Similarity heatmap' },
] as const;
export type PlotId = (typeof PLOTS)[number]['id'];

const BACKGROUND = '#ffffff';

/** The view as a PNG, under `header` (title, step, metric values; see pictureCaption.ts). */
export async function plotPng(plot: PlotId, header?: PictureHeader): Promise<Blob> {
  const found = plotLayers(plot);
  if (!found) throw new Error('This view is not on the page right now.');
  return compositePng(found.layers, found.width, found.height, {
    background: BACKGROUND,
    ...(header ? { header } : {}),
  });
}

/** The view as an SVG document, under `header` when given. */
export function plotSvg(plot: PlotId, header?: PictureHeader): string {
  const found = plotLayers(plot);
  if (!found) throw new Error('This view is not on the page right now.');
  const { layers, width, height } = found;
  const svg = layers.find((l): l is SVGSVGElement => l instanceof SVGSVGElement);
  if (!svg) throw new Error('This view has no vector layer.');
  const rasters = layers
    .filter((l): l is HTMLCanvasElement => l instanceof HTMLCanvasElement)
    .map((c) => `<image href="${c.toDataURL('image/png')}" x="0" y="0" width="${width}" height="${height}"/>`)
    .join('');
  // Give the overlay the view's size so the embedded raster and the overlay line up.
  const sized = svg.getAttribute('width') ? svg : (svg.cloneNode(true) as SVGSVGElement);
  if (sized !== svg) {
    sized.setAttribute('width', String(width));
    sized.setAttribute('height', String(height));
  }
  const markup = svgToString(sized, { background: BACKGROUND, insertFirst: rasters });
  return header ? svgWithHeader(markup, width, height, header, BACKGROUND) : markup;
}
