/**
 * The ShapeCaptions attribute schema: what a picture can show, how each value is drawn, and the words a
 * caption may use for it.
 *
 * Every attribute value is an index into its list below; `PairSet.attributes` stores those indices in the
 * order of `ATTRIBUTE_NAMES`. The lists are part of the dataset's identity: reordering them changes every
 * generated set, so append rather than reorder.
 */
import type { AttributeSchema } from '../pairs';

export const ATTRIBUTE_NAMES = ['shape', 'colour', 'size', 'position'] as const;
export type AttributeName = (typeof ATTRIBUTE_NAMES)[number];

/** Column of each attribute in `PairSet.attributes` ([n, 4]). */
export const ATTRIBUTE_COLUMN: Readonly<Record<AttributeName, number>> = {
  shape: 0,
  colour: 1,
  size: 2,
  position: 3,
};

/** One item's attributes, as value indices. */
export interface ShapeAttributes {
  shape: number;
  colour: number;
  size: number;
  position: number;
}

export const SHAPES = ['circle', 'square', 'triangle', 'diamond', 'star', 'cross'] as const;
export type ShapeName = (typeof SHAPES)[number];

export const COLOURS = ['red', 'orange', 'yellow', 'green', 'cyan', 'blue', 'purple', 'pink'] as const;

export const SIZES = ['small', 'medium', 'large'] as const;

/** Row-major over the 3x3 grid: index = 3 * row + column, row 0 at the top. */
export const POSITIONS = [
  'top left',
  'top',
  'top right',
  'left',
  'centre',
  'right',
  'bottom left',
  'bottom',
  'bottom right',
] as const;

export const SHAPE_CAPTIONS_SCHEMA: AttributeSchema = {
  names: ATTRIBUTE_NAMES,
  values: [SHAPES, COLOURS, SIZES, POSITIONS],
};

/**
 * Base RGB in [0, 1] per colour, before the ±0.05 jitter. Chosen so neighbours on the hue wheel stay apart
 * after jitter (red/orange/pink differ by at least 0.3 in some channel) and every colour is bright enough
 * to stand out from the near-black background, including blue and purple.
 */
export const COLOUR_RGB: readonly (readonly [number, number, number])[] = [
  [0.92, 0.12, 0.1], // red
  [1.0, 0.55, 0.05], // orange
  [0.98, 0.93, 0.15], // yellow
  [0.12, 0.78, 0.2], // green
  [0.1, 0.86, 0.92], // cyan
  [0.18, 0.35, 1.0], // blue
  [0.62, 0.22, 0.9], // purple
  [1.0, 0.5, 0.78], // pink
];

/** Nominal radius in pixels per size, before the ±6% jitter (each shape scales it to look equally big). */
export const SIZE_RADIUS: readonly number[] = [3, 4.5, 6.5];

/** Centre of a grid cell in pixels (x right, y down, continuous over [0, 32]): 32 (2k + 1) / 6 per axis. */
export function positionCentre(position: number, imageSize = 32): [number, number] {
  const row = Math.floor(position / 3);
  const col = position % 3;
  return [(imageSize * (2 * col + 1)) / 6, (imageSize * (2 * row + 1)) / 6];
}

/**
 * Words for each value, first entry canonical. Phrases may contain spaces or hyphens; the parser treats a
 * hyphen as a space, so 'top-left corner' and 'top left corner' are the same phrase.
 *
 * No phrase may be a word of another attribute's phrase unless the longer phrase is matched first: the
 * parser matches longest phrases first, which is how 'middle' (centre) and 'top middle' (top),
 * 'medium' and 'medium-sized', 'top' and 'top left' coexist.
 */
export const SYNONYMS: Readonly<Record<AttributeName, readonly (readonly string[])[]>> = {
  shape: [
    ['circle', 'disc', 'round dot'],
    ['square', 'box', 'block'],
    ['triangle', 'wedge', 'three-sided shape'],
    ['diamond', 'rhombus', 'lozenge'],
    ['star', 'five-pointed star', 'star shape'],
    ['cross', 'plus sign', 'plus'],
  ],
  colour: [
    ['red', 'crimson', 'scarlet'],
    ['orange', 'tangerine', 'amber'],
    ['yellow', 'golden', 'lemon'],
    ['green', 'emerald', 'lime'],
    ['cyan', 'turquoise', 'aqua'],
    ['blue', 'cobalt', 'sapphire'],
    ['purple', 'violet', 'plum'],
    ['pink', 'rose', 'hot pink'],
  ],
  size: [
    ['small', 'tiny', 'little'],
    ['medium', 'medium-sized', 'mid-sized'],
    ['large', 'big', 'huge'],
  ],
  position: [
    ['top left', 'upper left', 'top-left corner'],
    ['top', 'top middle', 'upper middle'],
    ['top right', 'upper right', 'top-right corner'],
    ['left', 'middle left', 'left side'],
    ['centre', 'center', 'middle'],
    ['right', 'middle right', 'right side'],
    ['bottom left', 'lower left', 'bottom-left corner'],
    ['bottom', 'bottom middle', 'lower middle'],
    ['bottom right', 'lower right', 'bottom-right corner'],
  ],
};

/** The semantic key of an item: attribute indices joined by '|' in schema order, e.g. '0|3|2|4'. */
export function attributeKey(a: ShapeAttributes): string {
  return `${a.shape}|${a.colour}|${a.size}|${a.position}`;
}
