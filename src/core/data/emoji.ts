/**
 * The built-in emoji dataset: 1,906 emoji, each drawn in two art styles (Noto Emoji from Google and
 * Twemoji), captioned with its Unicode CLDR name and keywords. Files are prepared at build time by
 * scripts/prepare-emoji.ts into public/data/emoji/ (see ATTRIBUTION.md there); this module turns their
 * bytes into a PairDataset, fetched in the browser or read from disk in Node by the caller.
 *
 * The split asks whether alignment survives a change of drawing style: training pairs use one style,
 * evaluation pairs the other style of the same emoji. A seeded share of emoji (default 10%) is held out
 * of training entirely; in the evaluation set they are flagged `heldOut`, so 'seen' retrieval measures
 * the style change alone and 'held out' measures it together with names never trained on. The semantic
 * key is the emoji's codepoint sequence, so an image matches exactly its own name.
 */
import { inflateSync } from 'fflate';
import { createRng, type Rng } from '../random/rng';
import { IMAGE_LENGTH, type PairDataset, type PairSet } from './pairs';

export const EMOJI_FILES = { index: 'emoji.json', attribution: 'attribution.json' } as const;

export interface EmojiInfo {
  /** Codepoints in lower-case hex joined by '-', without variation selectors: the semantic key. */
  readonly code: string;
  readonly char: string;
  /** The CLDR short name, e.g. 'grinning face'. */
  readonly label: string;
  /** CLDR keywords, e.g. ['face', 'grin', 'happy']. */
  readonly tags: readonly string[];
  readonly group: string;
  readonly subgroup: string;
}

export interface EmojiStyle {
  readonly id: string;
  readonly name: string;
  readonly file: string;
}

export interface EmojiIndex {
  readonly size: number;
  readonly count: number;
  readonly styles: readonly EmojiStyle[];
  readonly emoji: readonly EmojiInfo[];
}

/** The prepared files: the parsed index, and each style's compressed pixels by style id. */
export interface EmojiFiles {
  readonly index: EmojiIndex;
  readonly pixels: Readonly<Record<string, Uint8Array>>;
}

/** Reads the prepared files through `read(name)` (fetch in the browser, readFile in Node). */
export async function loadEmojiFiles(read: (name: string) => Promise<Uint8Array>): Promise<EmojiFiles> {
  const index = parseIndex(JSON.parse(new TextDecoder().decode(await read(EMOJI_FILES.index))));
  const entries = await Promise.all(index.styles.map(async (s) => [s.id, await read(s.file)] as const));
  return { index, pixels: Object.fromEntries(entries) };
}

function parseIndex(raw: unknown): EmojiIndex {
  const idx = raw as Partial<EmojiIndex> | null;
  if (!idx || idx.size !== 32 || !Array.isArray(idx.emoji) || !Array.isArray(idx.styles)) {
    throw new Error('emoji.json is not an emoji index for 32x32 images');
  }
  if (idx.emoji.length !== idx.count)
    throw new Error(`emoji.json lists ${idx.emoji.length} emoji, says ${idx.count}`);
  return idx as EmojiIndex;
}

export interface EmojiOptions {
  readonly seed: number;
  /** Style id the model trains on; default 'noto'. */
  readonly trainStyle?: string;
  /** Style id it is evaluated on; default 'twemoji'. */
  readonly evalStyle?: string;
  /** Share of emoji held out of training, in [0, 0.9]; default 0.1. */
  readonly heldOutFraction?: number;
  /** Captions per training image, in [1, 4]; default 4 (the name first). */
  readonly captionsPerImage?: number;
  /**
   * Evaluation emoji, at least 2; default all of them. Fewer are a seeded sample that keeps the held-out
   * share, so metrics and the shared-space layout stay quick (a layout of all 1,906 pairs is 3,812
   * points). Training is the same whatever the sample.
   */
  readonly evalSize?: number;
}

export interface EmojiDataset extends PairDataset {
  readonly trainStyle: EmojiStyle;
  readonly evalStyle: EmojiStyle;
  /** Codes of the emoji held out of training. */
  readonly heldOutCodes: readonly string[];
}

/** 'a' or 'an' by the first letter. */
const article = (w: string) => (/^[aeiou]/i.test(w) ? 'an' : 'a');

/**
 * Captions of one emoji: its name first (evaluation uses caption 0), then templates over its keywords,
 * so a text encoder meets the words people use for it, not only the official name. Keywords already
 * in the name are skipped; templates that need more keywords than the emoji has are skipped too.
 */
export function emojiCaptions(e: EmojiInfo, count: number, rng: Rng): string[] {
  const nameWords = new Set(e.label.toLowerCase().split(/[^\p{L}\p{N}]+/u));
  const tags = rng.shuffle(e.tags.filter((t) => !nameWords.has(t.toLowerCase())));
  const [a, b, c] = tags;
  const options = [
    e.label,
    a && b ? `${e.label}, ${a} and ${b}` : a ? `${e.label}, ${a}` : null,
    `${article(e.label)} ${e.label} emoji`,
    a && b && c ? `${a}, ${b}, ${c}` : null,
  ].filter((s): s is string => s !== null);
  return [...new Set(options)].slice(0, Math.max(1, count));
}

function stylePixels(files: EmojiFiles, id: string): { style: EmojiStyle; bytes: Uint8Array } {
  const style = files.index.styles.find((s) => s.id === id);
  const packed = files.pixels[id];
  if (!style || !packed) {
    throw new Error(`no emoji style '${id}' (have ${files.index.styles.map((s) => s.id).join(', ')})`);
  }
  const bytes = inflateSync(packed);
  if (bytes.length !== files.index.count * IMAGE_LENGTH) {
    throw new Error(
      `${style.file} holds ${bytes.length} bytes, expected ${files.index.count * IMAGE_LENGTH}`,
    );
  }
  return { style, bytes };
}

function pairSet(
  rows: readonly number[],
  bytes: Uint8Array,
  captions: (row: number) => string[],
  keys: readonly string[],
  heldOut: (row: number) => boolean,
): PairSet {
  const images = new Float32Array(rows.length * IMAGE_LENGTH);
  rows.forEach((r, i) => {
    for (let k = 0; k < IMAGE_LENGTH; k++) images[i * IMAGE_LENGTH + k] = bytes[r * IMAGE_LENGTH + k] / 255;
  });
  return {
    size: rows.length,
    images,
    captions: rows.map(captions),
    keys: rows.map((r) => keys[r]),
    heldOut: Uint8Array.from(rows, (r) => (heldOut(r) ? 1 : 0)),
  };
}

/** The emoji as a PairDataset: train in one style, evaluate in the other. Throws a readable Error on bad files. */
export function emojiDataset(files: EmojiFiles, options: EmojiOptions): EmojiDataset {
  const {
    seed,
    trainStyle = 'noto',
    evalStyle = 'twemoji',
    heldOutFraction = 0.1,
    captionsPerImage = 4,
    evalSize = Infinity,
  } = options;
  if (!(heldOutFraction >= 0 && heldOutFraction <= 0.9))
    throw new Error(`heldOutFraction must be in [0, 0.9]`);
  if (!(evalSize >= 2)) throw new Error(`evalSize must be at least 2`);
  const train = stylePixels(files, trainStyle);
  const test = stylePixels(files, evalStyle);
  const { emoji } = files.index;
  const root = createRng(seed);
  const splitRng = root.fork();
  const captionRng = root.fork();
  const order = splitRng.shuffle(emoji.map((_, i) => i));
  const heldCount = Math.round(emoji.length * heldOutFraction);
  const held = new Set(order.slice(0, heldCount));
  const keys = emoji.map((e) => e.code);
  const all = emoji.map((_, i) => i);
  const trainRows = all.filter((i) => !held.has(i));
  // `order` is a seeded shuffle, so its first rows of each kind are a random sample of that kind.
  const evalCount = Math.min(Math.floor(evalSize), emoji.length);
  const evalHeld = Math.round((evalCount * heldCount) / emoji.length);
  const evalRows = [
    ...order.slice(0, evalHeld),
    ...order.slice(heldCount, heldCount + evalCount - evalHeld),
  ].sort((a, b) => a - b);
  const trainCaptions = (r: number) => emojiCaptions(emoji[r], captionsPerImage, captionRng);
  return {
    name: `Emoji (train: ${train.style.name}, evaluate: ${test.style.name})`,
    train: pairSet(trainRows, train.bytes, trainCaptions, keys, () => false),
    eval: pairSet(
      evalRows,
      test.bytes,
      (r) => [emoji[r].label],
      keys,
      (r) => held.has(r),
    ),
    trainStyle: train.style,
    evalStyle: test.style,
    heldOutCodes: [...held].sort((a, b) => a - b).map((r) => keys[r]),
  };
}
