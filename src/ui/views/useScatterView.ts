import { useEffect, useRef, type RefObject } from 'react';
import { createScatterView, type RendererChoice, type ScatterView } from '../../plots/scatter/scatterView';
import { useElementSize } from '../useElementSize';

export interface ScatterViewHost {
  /** The sizing box: its width is the plot's. */
  box: RefObject<HTMLDivElement | null>;
  /** Where the scatter puts its canvas and SVG. */
  host: RefObject<HTMLDivElement | null>;
  /** The scatter, once mounted (null before and after). */
  view: RefObject<ScatterView | null>;
}

/**
 * A scatter view hosted by a component: created on mount, drawn from requestAnimationFrame only while
 * it says it is animating (or after something changed), kept at the box's width and `height`, and
 * destroyed on unmount. The component feeds it layouts, options and selections through `view`.
 */
export function useScatterView(height: number, renderer: RendererChoice = 'auto'): ScatterViewHost {
  const box = useRef<HTMLDivElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<ScatterView | null>(null);
  const { width } = useElementSize(box);
  // The renderer is chosen once per mount: a WebGL context is not swapped under a live view.
  const choice = useRef(renderer);

  useEffect(() => {
    if (!host.current) return;
    let raf = 0;
    const schedule = () => {
      if (raf) return;
      raf = requestAnimationFrame(function tick(now) {
        raf = 0;
        if (view.current?.frame(now)) raf = requestAnimationFrame(tick);
      });
    };
    view.current = createScatterView(host.current, { onInvalidate: schedule, renderer: choice.current });
    return () => {
      cancelAnimationFrame(raf);
      view.current?.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    if (width > 0) view.current?.resize(width, height);
  }, [width, height]);

  return { box, host, view };
}
