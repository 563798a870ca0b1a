import { plotRect, type Margin } from '../frame';
import { THEME } from '../theme';
import { createCanvasRenderer } from './canvasPoints';
import { createGlide } from './glide';
import { createHitIndex, type HitIndex } from './hitTest';
import { autoAlpha, autoPointSize, pairLineAlpha, pointStyles, showPairLinesFor } from './pointStyle';
import { MODALITY_ORDER } from '../theme';
import type { PointFrame, PointRenderer } from './pointRenderer';
import { createDomainTracker, equalAspectScales, layoutExtent, pixelTransform } from './scatterScales';
import { renderScatterOverlay } from './scatterOverlay';
import {
  DEFAULT_SCATTER_OPTIONS,
  NO_SELECTION,
  type RendererKind,
  type ScatterHit,
  type ScatterOptions,
  type ScatterSelection,
} from './scatterTypes';
import { createWebglRenderer } from './webglPoints';

/**
 * The shared-space scatter: points on a canvas (WebGL, else canvas 2D), axes, legend, gap arrow and
 * selection in an SVG on top. It is stateful because a refresh glides from the previous layout and a
 * WebGL context is kept, but holds no domain state: the host passes layouts and selections in.
 *
 * Host loop (e.g. a React effect): create it on a container, call `setLayout` with each projection,
 * `setSelection` on user input, and drive `frame(now)` from requestAnimationFrame while it returns
 * true; `onInvalidate` says when a frame is needed again.
 */
export type RendererChoice = 'auto' | RendererKind | ((canvas: HTMLCanvasElement) => PointRenderer | null);

export interface ScatterViewOptions extends Partial<ScatterOptions> {
  /** Point renderer: 'auto' tries WebGL then canvas 2D; a function supplies one (tests). */
  renderer?: RendererChoice;
  /** Called when something changed and `frame` should be called (e.g. schedule requestAnimationFrame). */
  onInvalidate?: () => void;
}

export interface ScatterView {
  /** The element holding the canvas and the SVG; attach pointer listeners here. */
  readonly element: HTMLDivElement;
  /** The renderer in use; null when the browser offers neither WebGL nor canvas 2D. */
  readonly renderer: RendererKind | null;
  /**
   * Glide to a new layout (xy: [m·n, 2], image rows then caption rows, then sound rows; m is the
   * number of `blockStyles`). The array is copied.
   */
  setLayout(xy: Float32Array, n: number, now?: number): void;
  /** Removes every point at once (e.g. the layout belonged to a run that was replaced); the next layout appears without gliding. */
  clear(): void;
  setSelection(selection: ScatterSelection): void;
  setOptions(options: Partial<ScatterOptions>): void;
  /** CSS size of the plot and device pixel ratio (default window.devicePixelRatio). */
  resize(width: number, height: number, pixelRatio?: number): void;
  /** Draws the frame for time `now` (ms, as given to requestAnimationFrame); true while animating. */
  frame(now: number): boolean;
  /** The point nearest to (px, py) (CSS px from the element's top-left) within `radius` px. */
  pick(px: number, py: number, radius?: number): ScatterHit | null;
  destroy(): void;
}

const MARGIN: Margin = { top: 34, right: 16, bottom: 46, left: 56 };
const SVG_NS = 'http://www.w3.org/2000/svg';

function makeRenderer(host: HTMLDivElement, choice: RendererChoice): PointRenderer | null {
  const fresh = (): HTMLCanvasElement => {
    const c = document.createElement('canvas');
    c.style.cssText = 'position:absolute;left:0;top:0;';
    return c;
  };
  let canvas = fresh();
  let renderer: PointRenderer | null = null;
  if (typeof choice === 'function') renderer = choice(canvas);
  else {
    if (choice !== 'canvas') renderer = createWebglRenderer(canvas);
    // A canvas that got a WebGL context cannot give a 2D one: fall back on a new canvas.
    if (!renderer) {
      canvas = fresh();
      renderer = createCanvasRenderer(canvas);
    }
  }
  host.appendChild(canvas);
  return renderer;
}

export function createScatterView(container: HTMLElement, viewOptions: ScatterViewOptions = {}): ScatterView {
  const { renderer: choice = 'auto', onInvalidate, ...rest } = viewOptions;
  let options: ScatterOptions = { ...DEFAULT_SCATTER_OPTIONS, ...rest };
  const element = document.createElement('div');
  element.style.cssText = `position:relative;overflow:hidden;background:${THEME.background};`;
  container.appendChild(element);
  const renderer = makeRenderer(element, choice);
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.style.cssText = 'position:absolute;left:0;top:0;overflow:visible;';
  element.appendChild(svg);

  let width = 640;
  let height = 480;
  let pixelRatio = (typeof devicePixelRatio === 'number' && devicePixelRatio) || 1;
  let n = 0;
  /** Blocks of n rows in the layout shown, and each block's style index in MODALITY_ORDER. */
  let groups = options.blockStyles.length;
  let blockCodes = options.blockStyles.map((m) => MODALITY_ORDER.indexOf(m));
  let selection: ScatterSelection = NO_SELECTION;
  let styles: Uint8Array = new Uint8Array(0);
  let positionsVersion = 0;
  let stylesVersion = 0;
  let dirty = true;
  let positionsDirty = true;
  let wasGliding = false;
  let animating = false;
  let glide = createGlide(options.transitionMs);
  let tracker = createDomainTracker({ durationMs: options.transitionMs });
  let lastFrame: PointFrame | null = null;
  let hitIndex: { key: string; index: HitIndex } | null = null;
  let disposed = false;

  const invalidate = (): void => {
    dirty = true;
    onInvalidate?.();
  };
  const pointSize = (): number =>
    options.pointSize === 'auto' ? autoPointSize(groups * n) : options.pointSize;

  const draw = (now: number): PointFrame => {
    // Written only when the size changes: an inline style write, even of the same value, restyles the plot.
    if (element.style.width !== `${width}px`) element.style.width = `${width}px`;
    if (element.style.height !== `${height}px`) element.style.height = `${height}px`;
    const xy = glide.at(now);
    // Positions change while gliding (and once more when the glide lands); selection-only frames
    // keep the version, so the GPU buffer of a large layout is not refilled on every hover.
    const gliding = glide.moving(now);
    if (positionsDirty || gliding || wasGliding) positionsVersion++;
    positionsDirty = false;
    wasGliding = gliding;
    const rect = plotRect(width, height, MARGIN);
    const { x, y } = equalAspectScales(tracker.at(now), rect);
    const frame: PointFrame = {
      xy,
      n,
      groups,
      styles,
      positionsVersion,
      stylesVersion,
      transform: pixelTransform(x, y),
      width,
      height,
      pixelRatio,
      pointSize: pointSize(),
      alpha: autoAlpha(groups * n),
      pairLines: showPairLinesFor(options.pairLines, n, groups),
      lineAlpha: pairLineAlpha(n, selection.selected !== null),
    };
    renderer?.draw(frame);
    renderScatterOverlay(svg, {
      xy,
      n,
      groups,
      width,
      height,
      rect,
      x,
      y,
      selection,
      options,
      pointSize: frame.pointSize,
      pairLines: frame.pairLines,
    });
    lastFrame = frame;
    return frame;
  };

  return {
    element,
    renderer: renderer?.kind ?? null,
    setLayout(xy, pairs, now = performance.now()) {
      if (xy.length !== 2 * groups * pairs)
        throw new Error(
          `setLayout: xy has ${xy.length} values, expected [${groups}n=${groups * pairs}, 2] for ${groups} modalities`,
        );
      if (pairs !== n || styles.length !== groups * pairs) {
        n = pairs;
        styles = pointStyles(n, selection, undefined, blockCodes);
        stylesVersion++;
      }
      glide.to(xy, now);
      positionsDirty = true;
      const extent = layoutExtent(xy);
      if (extent) tracker.update(extent, now);
      invalidate();
    },
    clear() {
      n = 0;
      styles = pointStyles(0, selection, undefined, blockCodes);
      stylesVersion++;
      glide = createGlide(options.transitionMs);
      tracker = createDomainTracker({ durationMs: options.transitionMs });
      positionsDirty = true;
      hitIndex = null;
      invalidate();
    },
    setSelection(next) {
      selection = next;
      styles = pointStyles(n, selection, styles, blockCodes);
      stylesVersion++;
      invalidate();
    },
    setOptions(next) {
      options = { ...options, ...next };
      if (next.blockStyles) {
        const codes = next.blockStyles.map((m) => MODALITY_ORDER.indexOf(m));
        if (codes.join() !== blockCodes.join()) {
          // Another set of modalities: the old layout's rows mean something else, so it goes at once.
          blockCodes = codes;
          groups = codes.length;
          n = 0;
          styles = pointStyles(0, selection, undefined, blockCodes);
          stylesVersion++;
          glide = createGlide(options.transitionMs);
          tracker = createDomainTracker({ durationMs: options.transitionMs });
          positionsDirty = true;
          hitIndex = null;
        }
      }
      if (next.transitionMs !== undefined) {
        const target = glide.target;
        glide = createGlide(options.transitionMs);
        glide.to(target, 0);
        positionsDirty = true;
        tracker = createDomainTracker({ durationMs: options.transitionMs });
        const extent = layoutExtent(target);
        if (extent) tracker.update(extent, 0);
      }
      invalidate();
    },
    resize(w, h, ratio) {
      width = Math.max(1, Math.round(w));
      height = Math.max(1, Math.round(h));
      if (ratio) pixelRatio = ratio;
      invalidate();
    },
    frame(now) {
      if (disposed) return false;
      const moving = glide.moving(now) || tracker.moving(now);
      // After the last moving frame one more is drawn, at the destination.
      if (!dirty && !moving && !animating) return false;
      dirty = false;
      animating = moving;
      draw(now);
      return moving;
    },
    pick(px, py, radius = 8) {
      const frame = lastFrame;
      if (!frame || n === 0) return null;
      // Rebuilt only when the points or the scales moved, not on selection-only frames (hovering).
      const t = frame.transform;
      const key = `${frame.positionsVersion}:${t.ax}:${t.bx}:${t.ay}:${t.by}`;
      if (!hitIndex || hitIndex.key !== key)
        hitIndex = { key, index: createHitIndex(frame.xy, n, frame.transform, options.blockStyles) };
      return hitIndex.index.find(px, py, radius);
    },
    destroy() {
      disposed = true;
      renderer?.destroy();
      element.remove();
    },
  };
}
