/**
 * The heading an exported picture carries above the plot, so a PNG pasted into slides or a report still
 * says what it shows: a title line, then facts (the step, the metric values) separated by ' · ' and
 * wrapped at those separators to the picture's width. Laid out here once for the PNG (canvas text) and
 * the SVG (<text> elements).
 */
import { THEME } from './theme';

export interface PictureHeader {
  /** What the picture shows, e.g. 'Shared space · ShapeCaptions'. */
  readonly title: string;
  /** Short facts, e.g. ['step 350', 'R@1 image → caption 0.920']; wrapped between facts. */
  readonly facts: readonly string[];
}

export interface HeaderRow {
  readonly text: string;
  /** Baseline, in CSS px from the top of the picture. */
  readonly y: number;
  readonly bold: boolean;
  readonly size: number;
}

export interface HeaderLayout {
  readonly rows: readonly HeaderRow[];
  /** Height of the band above the plot, in CSS px. */
  readonly height: number;
}

export const HEADER_PADDING = 10;
const TITLE_SIZE = 15;
const FACT_SIZE = 12;
const LINE_GAP = 5;
const SEPARATOR = ' · ';

/** Width of `text` in CSS px at `size` px, bold or not. */
export type MeasureText = (text: string, size: number, bold: boolean) => number;

/** A width estimate for where no canvas can measure (the SVG file; the reader's fonts decide anyway). */
export const estimateWidth: MeasureText = (text, size, bold) => text.length * size * (bold ? 0.6 : 0.55);

/** Cuts `text` with an ellipsis until it fits `width`. */
function fit(text: string, width: number, size: number, bold: boolean, measure: MeasureText): string {
  if (measure(text, size, bold) <= width) return text;
  let cut = text;
  while (cut.length > 1 && measure(`${cut}…`, size, bold) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** Rows of the header for a picture `width` CSS px wide. */
export function layoutHeader(header: PictureHeader, width: number, measure: MeasureText): HeaderLayout {
  const inner = Math.max(40, width - 2 * HEADER_PADDING);
  const lines: { text: string; bold: boolean; size: number }[] = [
    { text: fit(header.title, inner, TITLE_SIZE, true, measure), bold: true, size: TITLE_SIZE },
  ];
  let line = '';
  for (const fact of header.facts) {
    const joined = line ? `${line}${SEPARATOR}${fact}` : fact;
    if (line && measure(joined, FACT_SIZE, false) > inner) {
      lines.push({ text: fit(line, inner, FACT_SIZE, false, measure), bold: false, size: FACT_SIZE });
      line = fact;
    } else line = joined;
  }
  if (line) lines.push({ text: fit(line, inner, FACT_SIZE, false, measure), bold: false, size: FACT_SIZE });
  let y = HEADER_PADDING;
  const rows = lines.map((l) => {
    y += l.size;
    const row = { ...l, y };
    y += LINE_GAP;
    return row;
  });
  return { rows, height: Math.ceil(y - LINE_GAP + HEADER_PADDING) };
}

/** The CSS font of a header row, for a canvas. */
export function headerFont(row: HeaderRow): string {
  return `${row.bold ? '600 ' : ''}${row.size}px ${THEME.fontFamily}`;
}
