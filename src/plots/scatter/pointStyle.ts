import { MODALITY_STYLE, hexToRgb, type MarkerKind } from '../theme';
import type { ScatterSelection } from './scatterTypes';

/**
 * Per-point appearance as small integer codes, computed by pure functions so the renderers only copy
 * them to the screen (and tests can read them without a canvas).
 *
 * style = modality·2 + faded, where modality 0 = image, 1 = caption, and faded = 1 for points outside
 * the focus while something is selected.
 */
export const STYLE_COUNT = 4;

export const styleModality = (style: number): 0 | 1 => (style >> 1) as 0 | 1;
export const styleMarker = (style: number): MarkerKind =>
  styleModality(style) === 0 ? MODALITY_STYLE.image.marker : MODALITY_STYLE.text.marker;

/** 0 for image rows (0..n-1), 1 for caption rows (n..2n-1). */
export const rowModality = (row: number, n: number): 0 | 1 => (row < n ? 0 : 1);

/** Rows the selection puts in focus: the selected pair's two rows, its neighbours, the hovered row. */
export function focusRows(selection: ScatterSelection, n: number): Set<number> {
  const rows = new Set<number>();
  if (selection.selected !== null && selection.selected >= 0 && selection.selected < n) {
    rows.add(selection.selected);
    rows.add(n + selection.selected);
  }
  for (const r of selection.neighbours ?? []) if (r >= 0 && r < 2 * n) rows.add(r);
  if (selection.hovered !== null && selection.hovered !== undefined) rows.add(selection.hovered);
  return rows;
}

/** [2n] style code per row. */
export function pointStyles(
  n: number,
  selection: ScatterSelection,
  out: Uint8Array = new Uint8Array(2 * n),
): Uint8Array {
  const focus = focusRows(selection, n);
  const fading = selection.selected !== null;
  for (let r = 0; r < 2 * n; r++) out[r] = rowModality(r, n) * 2 + (fading && !focus.has(r) ? 1 : 0);
  return out;
}

/** Opacity of unfaded points: dense layouts get lighter points so overlaps read as density. */
export function autoAlpha(rows: number): number {
  if (rows <= 2000) return 0.85;
  return Math.max(0.3, 0.85 - 0.22 * Math.log10(rows / 2000));
}

/** Marker diameter (CSS px) for a layout of `rows` points: 7 px up to 1,000, about 3 px at 100,000. */
export function autoPointSize(rows: number): number {
  if (rows <= 1000) return 7;
  return Math.max(3, 7 - 2 * Math.log10(rows / 1000));
}

/** Faded points keep their hue at low opacity, so the picture's shape stays visible behind a selection. */
export const FADED_ALPHA = 0.12;

/** [STYLE_COUNT, 4] RGBA in 0..1 (not premultiplied). */
export function styleColours(alpha: number): Float32Array {
  const out = new Float32Array(STYLE_COUNT * 4);
  for (let s = 0; s < STYLE_COUNT; s++) {
    const [r, g, b] = hexToRgb(
      styleModality(s) === 0 ? MODALITY_STYLE.image.colour : MODALITY_STYLE.text.colour,
    );
    out.set([r, g, b, s & 1 ? FADED_ALPHA : alpha], s * 4);
  }
  return out;
}

/** CSS colour of a style, for the canvas renderer. */
export function styleCss(style: number, alpha: number): string {
  const c = styleColours(alpha).subarray(style * 4, style * 4 + 4);
  return `rgba(${Math.round(c[0] * 255)},${Math.round(c[1] * 255)},${Math.round(c[2] * 255)},${c[3].toFixed(3)})`;
}

/**
 * Drawing order image 0, caption 0, image 1, caption 1, ...: alternating the modalities means neither
 * is systematically painted over the other where they overlap.
 */
export function interleavedOrder(n: number): Uint32Array {
  // One cached array: the renderers ask for it every frame and must treat it as read-only.
  if (cachedOrder.length === 2 * n) return cachedOrder;
  const order = new Uint32Array(2 * n);
  for (let i = 0; i < n; i++) {
    order[2 * i] = i;
    order[2 * i + 1] = n + i;
  }
  cachedOrder = order;
  return order;
}
let cachedOrder = new Uint32Array(0);

/** Index pairs (i, n+i) for the image-to-caption lines: [2n], two rows per line. */
export const pairLineIndices = interleavedOrder;

/**
 * Opacity of the image-caption lines: many lines together read as a band, so each gets fainter as
 * there are more (0.5 at 100 pairs, ~0.27 at 500, ~0.16 at 1,500); almost gone behind a selection.
 */
export function pairLineAlpha(n: number, selectionActive: boolean): number {
  if (selectionActive) return 0.06;
  return Math.min(0.5, Math.max(0.06, 6 / Math.sqrt(Math.max(n, 1))));
}

/** Whether pair lines are drawn for n pairs under the option. */
export function showPairLines(option: boolean | 'auto', n: number): boolean {
  return option === 'auto' ? n <= 1500 : option;
}
