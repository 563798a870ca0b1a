/**
 * Data and options of the shared-space scatter.
 *
 * Layout columns: `xy` is a Float32Array [m·n, 2] of m blocks (modalities) of n rows: with two, rows
 * 0..n-1 are images and n..2n-1 captions, and pair i is image row i with caption row n+i (the
 * projection's output order); a third block (sounds) adds rows 2n..3n-1, item i at 2n+i.
 */
import type { Modality } from '../theme';

/** What the user picked. All indices refer to the current layout. */
export interface ScatterSelection {
  /** The selected pair (0..n-1): its image and caption are ringed and joined. */
  selected: number | null;
  /** Rows (0..m·n-1) to emphasise with the selection, e.g. the nearest captions of the selected image. */
  neighbours?: readonly number[];
  /** The row under the pointer (0..m·n-1), ringed lightly. */
  hovered?: number | null;
}

export const NO_SELECTION: ScatterSelection = { selected: null, neighbours: [], hovered: null };

export type RendererKind = 'webgl' | 'canvas';

export interface ScatterOptions {
  /** Axis titles, e.g. 'UMAP 1' / 'UMAP 2', or 'PC 1 (41% of variance)'. */
  xLabel: string;
  yLabel: string;
  /** Thin lines from each image to its caption: true, false, or 'auto' (on up to 1,500 pairs). */
  pairLines: boolean | 'auto';
  /** Centroid of each modality and the arrow between them (default true). */
  showGap: boolean;
  /** Label of the gap arrow, e.g. 'modality gap 0.82' with the host's measured value. */
  gapLabel: string;
  /** Marker diameter in CSS px, or 'auto' (smaller as points get denser). */
  pointSize: number | 'auto';
  /** Duration of the glide between layouts, ms. */
  transitionMs: number;
  /** Legend names of the blocks of rows (default: the two modalities) and of the line joining a pair. */
  groupLabels: readonly string[];
  pairLabel: string;
  /**
   * The modality whose colour and marker each block of rows takes (default image, text); its length is
   * the number of blocks the layouts hold.
   */
  blockStyles: readonly Modality[];
  /**
   * With more than two blocks, the label of each pair's gap arrow, in the order (0,1), (0,2), (1,2), …;
   * `gapLabel` labels the one arrow of two blocks.
   */
  gapLabels: readonly string[];
}

export const DEFAULT_SCATTER_OPTIONS: ScatterOptions = {
  xLabel: 'dimension 1',
  yLabel: 'dimension 2',
  pairLines: 'auto',
  showGap: true,
  gapLabel: 'modality gap',
  pointSize: 'auto',
  transitionMs: 300,
  groupLabels: ['Images', 'Captions'],
  pairLabel: 'image–caption pair',
  blockStyles: ['image', 'text'],
  gapLabels: [],
};

/** A point found under the pointer. */
export interface ScatterHit {
  /** Row in the layout, 0..m·n-1. */
  row: number;
  /** Pair (item) index, 0..n-1. */
  pair: number;
  /** The row's block, 0..m-1, and the modality whose style it is drawn in. */
  block: number;
  modality: Modality;
  /** Distance from the pointer, CSS px. */
  distance: number;
}
