import type { PixelTransform } from './scatterScales';
import type { RendererKind } from './scatterTypes';

/** Everything a renderer needs to draw one frame of points; all geometry is precomputed by the view. */
export interface PointFrame {
  /** [groups · n, 2] layout units: image rows, then caption rows (then sound rows). */
  xy: Float32Array;
  n: number;
  /** Blocks of n rows (modalities), 2 (the default) or 3. */
  groups?: number;
  /** [groups · n] style codes (see pointStyle.ts). */
  styles: Uint8Array;
  /** Bumped whenever the contents of `xy` / `styles` change, so GPU buffers are refilled only then. */
  positionsVersion: number;
  stylesVersion: number;
  /** Layout units to CSS px. */
  transform: PixelTransform;
  /** Canvas size in CSS px and device pixels per CSS px. */
  width: number;
  height: number;
  pixelRatio: number;
  /** Marker diameter, CSS px. */
  pointSize: number;
  /** Opacity of unfaded points. */
  alpha: number;
  pairLines: boolean;
  /** Opacity of the pair lines. */
  lineAlpha: number;
}

export interface PointRenderer {
  readonly kind: RendererKind;
  draw(frame: PointFrame): void;
  /** Frees GPU objects; the canvas itself belongs to the caller. */
  destroy(): void;
}

/** Sizes the canvas backing store for the frame (CSS size x pixel ratio); true if it changed. */
export function sizeCanvas(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
  pixelRatio: number,
): boolean {
  const w = Math.max(1, Math.round(width * pixelRatio));
  const h = Math.max(1, Math.round(height * pixelRatio));
  if (canvas.width === w && canvas.height === h) return false;
  canvas.width = w;
  canvas.height = h;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  return true;
}
