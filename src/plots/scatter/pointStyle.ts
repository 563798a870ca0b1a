import { MODALITY_ORDER, MODALITY_STYLE, hexToRgb, type MarkerKind } from '../theme';
import type { ScatterSelection } from './scatterTypes';

/**
 * Per-point appearance as small integer codes, computed by pure functions so the renderers only copy
 * them to the screen (and tests can read them without a canvas).
 *
 * The layout holds `groups` blocks of n rows (block g: rows g·n..(g+1)·n − 1, row g·n + i is item i's
 * code in modality g). style = modality·2 + faded, where modality is the block's place in MODALITY_ORDER
 * (0 image, 1 caption, 2 sound), so a sound looks the same whichever modalities share the plot, and
 * faded = 1 for points outside the focus while something is selected.
 */
export const STYLE_COUNT = 2 * MODALITY_ORDER.length;

/** The two original blocks: images, then captions. */
export const IMAGE_TEXT: readonly number[] = [0, 1];

export const styleModality = (style: number): number => style >> 1;
export const styleMarker = (style: number): MarkerKind =>
  MODALITY_STYLE[MODALITY_ORDER[styleModality(style)] ?? 'image'].marker;

/** The block of a row: 0 for rows 0..n-1, 1 for n..2n-1, and so on. */
export const rowModality = (row: number, n: number): number => (n > 0 ? Math.floor(row / n) : 0);

/** Rows the selection puts in focus: the selected item's row in every block, its neighbours, the hovered row. */
export function focusRows(selection: ScatterSelection, n: number, groups = 2): Set<number> {
  const rows = new Set<number>();
  if (selection.selected !== null && selection.selected >= 0 && selection.selected < n)
    for (let g = 0; g < groups; g++) rows.add(g * n + selection.selected);
  for (const r of selection.neighbours ?? []) if (r >= 0 && r < groups * n) rows.add(r);
  if (selection.hovered !== null && selection.hovered !== undefined) rows.add(selection.hovered);
  return rows;
}

/**
 * [groups · n] style code per row. blockModalities: the MODALITY_ORDER index of each block (default
 * images then captions); its length is the number of blocks.
 */
export function pointStyles(
  n: number,
  selection: ScatterSelection,
  out?: Uint8Array,
  blockModalities: readonly number[] = IMAGE_TEXT,
): Uint8Array {
  const groups = blockModalities.length;
  const styles = out && out.length === groups * n ? out : new Uint8Array(groups * n);
  const focus = focusRows(selection, n, groups);
  const fading = selection.selected !== null;
  for (let r = 0; r < groups * n; r++)
    styles[r] = blockModalities[rowModality(r, n)] * 2 + (fading && !focus.has(r) ? 1 : 0);
  return styles;
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
    const [r, g, b] = hexToRgb(MODALITY_STYLE[MODALITY_ORDER[styleModality(s)]].colour);
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
 * Drawing order item 0 of every block, item 1 of every block, ...: alternating the modalities means
 * none is systematically painted over another where they overlap.
 */
export function interleavedOrder(n: number, groups = 2): Uint32Array {
  // One cached array: the renderers ask for it every frame and must treat it as read-only.
  if (cachedOrder.length === groups * n && cachedOrderGroups === groups) return cachedOrder;
  const order = new Uint32Array(groups * n);
  for (let i = 0; i < n; i++) for (let g = 0; g < groups; g++) order[groups * i + g] = g * n + i;
  cachedOrder = order;
  cachedOrderGroups = groups;
  return order;
}
let cachedOrder = new Uint32Array(0);
let cachedOrderGroups = 2;

/**
 * Row pairs of the lines joining each item's codes, two rows per line: (i, n+i) for two blocks; for
 * three, the item's triangle (i, n+i), (n+i, 2n+i), (2n+i, i), so every pair of modalities is joined.
 */
export function pairLineIndices(n: number, groups = 2): Uint32Array {
  if (groups === 2) return interleavedOrder(n, 2);
  if (cachedLines.length === 2 * groups * n) return cachedLines;
  const lines = new Uint32Array(2 * groups * n);
  let k = 0;
  for (let i = 0; i < n; i++)
    for (let g = 0; g < groups; g++) {
      lines[k++] = g * n + i;
      lines[k++] = ((g + 1) % groups) * n + i;
    }
  cachedLines = lines;
  return lines;
}
let cachedLines = new Uint32Array(0);

/**
 * Opacity of the image-caption lines: many lines together read as a band, so each gets fainter as
 * there are more (0.5 at 100 pairs, ~0.27 at 500, ~0.16 at 1,500); almost gone behind a selection.
 */
export function pairLineAlpha(n: number, selectionActive: boolean): number {
  if (selectionActive) return 0.06;
  return Math.min(0.5, Math.max(0.06, 6 / Math.sqrt(Math.max(n, 1))));
}

/**
 * Whether pair lines are drawn for n items of `groups` blocks under the option: 'auto' allows 1,500
 * lines, so three modalities (three lines an item) draw them up to 500 items.
 */
export function showPairLinesFor(option: boolean | 'auto', n: number, groups: number): boolean {
  const lines = groups === 2 ? n : groups * n;
  return option === 'auto' ? lines <= 1500 : option;
}

/** Whether pair lines are drawn for n pairs under the option. */
export function showPairLines(option: boolean | 'auto', n: number): boolean {
  return option === 'auto' ? n <= 1500 : option;
}
