/**
 * Turning whatever bytes a user supplies as text into clean, plain captions. Captions are only ever
 * shown as text (never as HTML), but markup and control characters are still removed here so the data
 * reads the same everywhere: in the views, in an exported TSV and in the tokenizer.
 */

/**
 * Decodes text bytes without ever throwing: a UTF-8 or UTF-16 byte-order mark picks the encoding (and is
 * dropped), otherwise UTF-8. Broken sequences become U+FFFD replacement characters.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return new TextDecoder('utf-16le', { fatal: false }).decode(bytes.subarray(2));
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return new TextDecoder('utf-16be', { fatal: false }).decode(bytes.subarray(2));
  }
  // TextDecoder('utf-8') drops a leading BOM itself.
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/** Raw text longer than this is cut before any cleaning, so a 50 MB 'caption' costs no more than 64 K. */
const RAW_LIMIT = 65_536;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/** Decodes the few HTML entities that turn up in scraped captions; anything else stays as written. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      const ok = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return ok ? String.fromCodePoint(code) : '\uFFFD';
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/**
 * Characters removed outright: C0/C1 controls (tabs and newlines become spaces first), zero-width
 * spaces, direction overrides and isolates (they can make a caption display as something else), and
 * BOMs. U+200D (zero-width joiner) stays: emoji sequences need it.
 */
/* eslint-disable no-control-regex -- matching control characters is the point */
const INVISIBLE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;
/* eslint-enable no-control-regex */

export interface CleanCaption {
  /** The plain-text caption; '' when nothing readable is left. */
  readonly text: string;
  /** True when the caption was cut to the length limit. */
  readonly truncated: boolean;
}

/**
 * Plain text from a raw caption: markup tags and the contents of script/style elements removed, basic
 * entities decoded, control and invisible characters removed, lone surrogates replaced, whitespace
 * collapsed, and the result cut to `maxChars` characters (at a word boundary where one is near).
 * Never throws, whatever the input.
 */
export function cleanCaption(raw: unknown, maxChars: number): CleanCaption {
  if (typeof raw !== 'string') return { text: '', truncated: false };
  let truncated = raw.length > RAW_LIMIT;
  let text = truncated ? raw.slice(0, RAW_LIMIT) : raw;
  // Entities first, so an escaped tag ('&lt;b&gt;') is removed like a plain one.
  text = decodeEntities(text)
    .replace(/<(script|style)\b[\s\S]*?(<\/\1\s*>|$)/gi, ' ')
    .replace(/<!--[\s\S]*?(-->|$)/g, ' ')
    .replace(/<\/?[a-z!?][^<>]*>/gi, ' ')
    .replace(/[\t\n\r\u2028\u2029]/g, ' ')
    .replace(INVISIBLE, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\uFFFD')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(text);
  if (chars.length > maxChars) {
    truncated = true;
    let cut = chars.slice(0, maxChars).join('');
    const space = cut.lastIndexOf(' ');
    if (space > maxChars * 0.8) cut = cut.slice(0, space);
    text = cut.trim();
  }
  return { text, truncated };
}

/**
 * A caption from a file name, for images with no other caption: the base name without its extension,
 * with a trailing copy number dropped and separators read as spaces.
 * 'red_circle-2.png' -> 'red circle', 'BigDog (1).jpg' -> 'big dog', 'IMG_0001.JPG' -> 'img'.
 */
export function captionFromFileName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  let stem = dot > 0 ? fileName.slice(0, dot) : fileName;
  stem = stem
    .replace(/\s*\(\d+\)$/, '')
    .replace(/[\s_-]*copy$/i, '')
    .replace(/[\s_.-]+\d+$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_.+-]+/g, ' ');
  const words = stem
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  // A name made only of digits ('0001.png') says nothing.
  if (words.every((w) => /^\d+$/.test(w))) return '';
  return words.join(' ');
}
