/**
 * Views that can be saved as pictures say so here while they are on the page: each registers how to
 * find its stacked layers, so the exporter never searches the page or knows how a view builds its DOM.
 */
import { useEffect, useRef } from 'react';
import type { PlotId } from './plotExport';

/** A view's layers, bottom first (a canvas of points under an SVG of axes), and its size in CSS px. */
export interface PlotLayers {
  readonly layers: readonly (HTMLCanvasElement | SVGSVGElement)[];
  readonly width: number;
  readonly height: number;
}

/** Finds the element that holds a view's layers, or nothing while there is none. */
export type LayerBox = () => Element | null | undefined;

const views = new Map<PlotId, LayerBox>();

/**
 * Registers the view `id` while the calling component is mounted. `box` returns an <svg> (the view is
 * that one layer) or the element whose <canvas> and <svg> children are the view's layers. A null `id`
 * registers nothing, for a component that is a saved picture in some places and not in others.
 */
export function usePlotExport(id: PlotId | null, box: LayerBox): void {
  // The latest `box` is read at export time, so a view's closure over its refs never goes stale.
  const latest = useRef(box);
  useEffect(() => {
    latest.current = box;
  });
  useEffect(() => {
    if (id === null) return;
    const find: LayerBox = () => latest.current();
    views.set(id, find);
    return () => {
      if (views.get(id) === find) views.delete(id);
    };
  }, [id]);
}

/** The layers of the view `id`; null when it is not on the page or has no size yet. */
export function plotLayers(id: PlotId): PlotLayers | null {
  const box = views.get(id)?.();
  if (!box) return null;
  const layers =
    box instanceof SVGSVGElement
      ? [box]
      : Array.from(box.querySelectorAll<HTMLCanvasElement | SVGSVGElement>(':scope > canvas, :scope > svg'));
  const { width, height } = box.getBoundingClientRect();
  return layers.length > 0 && width > 0 && height > 0 ? { layers, width, height } : null;
}
