/**
 * Colours, type and sizes shared by every plot: dark ink on a light ground, high contrast, and the
 * Okabe–Ito palette (Okabe & Ito 2008), whose hues stay distinct under the common colour-vision
 * deficiencies. Modality is always shown by colour *and* marker shape, never by colour alone.
 */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

export const THEME = {
  background: '#ffffff',
  /** Text, axis lines, the gap arrow. */
  ink: '#1b1b1f',
  /** Tick labels and secondary text: still > 7:1 contrast on white. */
  muted: '#4a4a52',
  grid: '#e8e8ec',
  /** Thin lines joining each image to its caption. */
  pairLine: '#8a8a96',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontSize: 12,
  titleSize: 13,
} as const;

/** Order of series colours for line and bar charts. */
export const SERIES_COLOURS: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.vermillion,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.orange,
  OKABE_ITO.skyBlue,
  OKABE_ITO.black,
];

export type Modality = 'image' | 'text' | 'audio';
export type MarkerKind = 'circle' | 'triangle' | 'square';

export interface ModalityStyle {
  readonly label: string;
  readonly colour: string;
  readonly marker: MarkerKind;
}

export const MODALITY_STYLE: Readonly<Record<Modality, ModalityStyle>> = {
  image: { label: 'Images', colour: OKABE_ITO.blue, marker: 'circle' },
  text: { label: 'Captions', colour: OKABE_ITO.orange, marker: 'triangle' },
  audio: { label: 'Sounds', colour: OKABE_ITO.bluishGreen, marker: 'square' },
};

/**
 * The modalities in canonical order: a point's style code (pointStyle.ts) and the WebGL shader's colour
 * table index them by position here.
 */
export const MODALITY_ORDER: readonly Modality[] = ['image', 'text', 'audio'];

/** '#rrggbb' to [r, g, b] in 0..1. */
export function hexToRgb(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`hexToRgb: not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1], 16) / 255, parseInt(m[2], 16) / 255, parseInt(m[3], 16) / 255];
}
