/**
 * Saving plots: an SVG element as a standalone SVG document, and stacked layers (a canvas of points
 * under an SVG of axes) composited into one PNG; either with a heading that says what it shows.
 */
import { estimateWidth, headerFont, layoutHeader, HEADER_PADDING, type PictureHeader } from './pictureHeader';
import { THEME } from './theme';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Properties copied from computed style, so CSS from the page survives outside it. */
const INLINED = ['font-family', 'font-size', 'font-weight', 'font-style', 'opacity', 'visibility'] as const;

export interface SvgExportOptions {
  /** Copy the few page-CSS properties that presentation attributes do not carry (default true). */
  inlineStyles?: boolean;
  /** Markup inserted as the first children of the root, under everything else (e.g. the points). */
  insertFirst?: string;
  /** Paint this colour behind everything (exports are otherwise transparent). */
  background?: string;
}

/** A standalone SVG document of `svg` (namespaces, size and viewBox set). */
export function svgToString(svg: SVGSVGElement, options: SvgExportOptions = {}): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', SVG_NS);
  const width = svg.getAttribute('width') ?? String(svg.clientWidth || 0);
  const height = svg.getAttribute('height') ?? String(svg.clientHeight || 0);
  clone.setAttribute('width', width);
  clone.setAttribute('height', height);
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  clone.removeAttribute('style');
  if ((options.inlineStyles ?? true) && typeof getComputedStyle === 'function') {
    const sources = [svg, ...Array.from(svg.querySelectorAll('*'))];
    const targets = [clone, ...Array.from(clone.querySelectorAll('*'))];
    sources.forEach((source, i) => {
      const target = targets[i] as Element;
      const computed = getComputedStyle(source);
      const inline: string[] = [];
      for (const prop of INLINED) {
        const value = computed.getPropertyValue(prop);
        if (value && !source.hasAttribute(prop) && !isDefault(prop, value)) inline.push(`${prop}:${value}`);
      }
      if (inline.length) target.setAttribute('style', inline.join(';'));
    });
  }
  let text = new XMLSerializer().serializeToString(clone);
  const extra =
    (options.background ? `<rect width="100%" height="100%" fill="${options.background}"/>` : '') +
    (options.insertFirst ?? '');
  if (extra) {
    const open = text.indexOf('>') + 1;
    text =
      text.endsWith('/>') && open === text.length
        ? `${text.slice(0, -2)}>${extra}</svg>`
        : text.slice(0, open) + extra + text.slice(open);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${text}`;
}

function isDefault(prop: (typeof INLINED)[number], value: string): boolean {
  return (
    (prop === 'opacity' && value === '1') ||
    (prop === 'visibility' && value === 'visible') ||
    (prop === 'font-style' && value === 'normal') ||
    (prop === 'font-weight' && (value === '400' || value === 'normal'))
  );
}

/** Loads an SVG document string as an image (for drawing onto a canvas). */
function loadSvgImage(markup: string): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml;charset=utf-8' }));
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      URL.revokeObjectURL(url);
      resolve(img);
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('The SVG layer could not be rasterised.'));
    };
    img.src = url;
  });
}

export interface PngExportOptions {
  /** Output pixels per CSS px (default 2, sharp on print and high-density screens). */
  pixelRatio?: number;
  background?: string;
  /** A title and facts (step, metric values) drawn in a band above the plot. */
  header?: PictureHeader;
}

/**
 * Stacks `layers` (first at the bottom), each drawn at width x height CSS px, into a PNG. A WebGL canvas
 * must have been drawn in the same task or created with preserveDrawingBuffer (the scatter's is).
 */
export async function compositePng(
  layers: readonly (HTMLCanvasElement | SVGSVGElement)[],
  width: number,
  height: number,
  options: PngExportOptions = {},
): Promise<Blob> {
  const ratio = options.pixelRatio ?? 2;
  const out = document.createElement('canvas');
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('compositePng: no 2D canvas in this environment');
  const measure = (text: string, size: number, bold: boolean) => {
    ctx.font = headerFont({ text, size, bold, y: 0 });
    return ctx.measureText(text).width;
  };
  const header = options.header ? layoutHeader(options.header, width, measure) : null;
  const top = header?.height ?? 0;
  // Resizing a canvas resets its context, so the size is set before anything is drawn.
  out.width = Math.round(width * ratio);
  out.height = Math.round((height + top) * ratio);
  ctx.scale(ratio, ratio);
  if (options.background) {
    ctx.fillStyle = options.background;
    ctx.fillRect(0, 0, width, height + top);
  }
  for (const row of header?.rows ?? []) {
    ctx.font = headerFont(row);
    ctx.fillStyle = row.bold ? THEME.ink : THEME.muted;
    ctx.fillText(row.text, HEADER_PADDING, row.y);
  }
  ctx.translate(0, top);
  // Rasterise SVG layers first (asynchronous), then draw everything in order in one go.
  const images = await Promise.all(
    layers.map((layer) =>
      layer instanceof HTMLCanvasElement ? Promise.resolve(layer) : loadSvgImage(svgToString(layer)),
    ),
  );
  for (const image of images) ctx.drawImage(image, 0, 0, width, height);
  return new Promise((resolve, reject) =>
    out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}

const escapeXml = (s: string) =>
  s.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

/**
 * A standalone SVG document of `markup` (an SVG document of width x height CSS px) under `header`: the
 * heading as <text>, the plot as a nested <svg> below it.
 */
export function svgWithHeader(
  markup: string,
  width: number,
  height: number,
  header: PictureHeader,
  background = THEME.background,
): string {
  const layout = layoutHeader(header, width, estimateWidth);
  const total = height + layout.height;
  const rows = layout.rows
    .map(
      (r) =>
        `<text x="${HEADER_PADDING}" y="${r.y}" font-size="${r.size}"${r.bold ? ' font-weight="600"' : ''} fill="${r.bold ? THEME.ink : THEME.muted}">${escapeXml(r.text)}</text>`,
    )
    .join('');
  const plot = markup.replace(/^<\?xml[^>]*>\s*/, '').replace(/^<svg\b/, `<svg x="0" y="${layout.height}"`);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${width}" ` +
    `height="${total}" viewBox="0 0 ${width} ${total}" font-family="${escapeXml(THEME.fontFamily)}">` +
    `<rect width="100%" height="100%" fill="${background}"/>${rows}${plot}</svg>`
  );
}

/** Offers `blob` as a download named `filename`. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
