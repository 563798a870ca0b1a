/**
 * Captions for ShapeCaptions: templates that say every attribute in varied words and orders, and
 * `parseCaption`, which reads the attributes back from such a caption (or a free variant of one).
 *
 * Many captions per meaning is the point: a text encoder must learn that 'tiny crimson disc' and
 * 'small red circle' say the same thing, and retrieval is scored on attributes, not on exact strings.
 */
import type { Rng } from '../../random/rng';
import { ATTRIBUTE_NAMES, SYNONYMS } from './attributes';
import type { AttributeName, ShapeAttributes } from './attributes';

/** The words chosen for one caption. `where` is the position with its preposition, e.g. 'in the top left'. */
interface Words {
  shape: string;
  colour: string;
  size: string;
  position: string;
  where: string;
}

/** 'a' or 'an' before a word (only the first letter matters for these vocabularies). */
function a(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

/**
 * Each template mentions all four attributes exactly once, so a caption is never ambiguous. Word order
 * varies (size first, position first, colour last ...) so that a bag-of-words model and a sequence model
 * both have something to learn.
 */
export const CAPTION_TEMPLATES: readonly ((w: Words) => string)[] = [
  (w) => `${a(w.size)} ${w.colour} ${w.shape} ${w.where}`,
  (w) => `${w.position}: ${a(w.size)} ${w.colour} ${w.shape}`,
  (w) => `there is ${a(w.size)} ${w.colour} ${w.shape} ${w.where}`,
  (w) => `the ${w.shape} ${w.where} is ${w.colour} and ${w.size}`,
  (w) => `${a(w.size)} ${w.shape} coloured ${w.colour}, ${w.where}`,
  (w) => `${w.where} there is ${a(w.size)} ${w.colour} ${w.shape}`,
  (w) => `${w.colour} ${w.shape}, ${w.size}, ${w.position}`,
  (w) => `the ${w.size} ${w.shape} ${w.where} is ${w.colour}`,
];

/**
 * Terse templates that leave one attribute out, keyed by the attribute left out. Real captions rarely say
 * everything; with some of these in the data, a caption alone cannot know every attribute and the image
 * has something to add (the lesson of fusion in a joint representation).
 */
export const TERSE_TEMPLATES: Readonly<Record<AttributeName, readonly ((w: Words) => string)[]>> = {
  shape: [
    (w) => `${a(w.size)} ${w.colour} shape ${w.where}`,
    (w) => `something ${w.colour} and ${w.size} ${w.where}`,
  ],
  colour: [(w) => `${a(w.size)} ${w.shape} ${w.where}`, (w) => `${w.where} there is ${a(w.size)} ${w.shape}`],
  size: [
    (w) => `${a(w.colour)} ${w.shape} ${w.where}`,
    (w) => `there is ${a(w.colour)} ${w.shape} ${w.where}`,
  ],
  position: [
    (w) => `${a(w.size)} ${w.colour} ${w.shape}`,
    (w) => `the ${w.shape} is ${w.colour} and ${w.size}`,
  ],
};

/**
 * Prepositions that read naturally per position value: 'at the top', 'on the left', 'in the centre',
 * 'in/at the top-left corner'. Indexed like POSITIONS.
 */
const PREPOSITIONS: readonly (readonly string[])[] = [
  ['in the', 'at the'],
  ['at the'],
  ['in the', 'at the'],
  ['on the'],
  ['in the'],
  ['on the'],
  ['in the', 'at the'],
  ['at the'],
  ['in the', 'at the'],
];

function synonyms(name: AttributeName, value: number): readonly string[] {
  const list = SYNONYMS[name][value];
  if (list === undefined) throw new Error(`captions: ${name} value ${value} is out of range`);
  return list;
}

/** One caption from template `template` with synonyms drawn from `rng`. */
export function captionFromTemplate(template: number, attrs: ShapeAttributes, rng: Rng): string {
  const fill = CAPTION_TEMPLATES[template];
  if (fill === undefined) throw new Error(`captions: no template ${template}`);
  return fill(drawWords(attrs, rng));
}

/** The synonyms for one caption, drawn from `rng`. */
function drawWords(attrs: ShapeAttributes, rng: Rng): Words {
  const position = rng.pick(synonyms('position', attrs.position));
  const preposition = rng.pick(PREPOSITIONS[attrs.position]);
  return {
    shape: rng.pick(synonyms('shape', attrs.shape)),
    colour: rng.pick(synonyms('colour', attrs.colour)),
    size: rng.pick(synonyms('size', attrs.size)),
    position,
    where: `${preposition} ${position}`,
  };
}

/**
 * `count` captions for one item, distinct where possible: random templates and synonyms, retrying a
 * bounded number of times on a repeat (so the rng draws, and hence the dataset, stay deterministic).
 */
export function makeCaptions(
  attrs: ShapeAttributes,
  count: number,
  rng: Rng,
  omit?: { rate: number; rng: Rng },
): string[] {
  const out: string[] = [];
  for (let attempt = 0; out.length < count; attempt++) {
    // With `omit`, that share of captions leaves one attribute out. Its draws come from its own stream,
    // so captions without omissions are the same as when `omit` is absent.
    const left = omit && omit.rng.next() < omit.rate ? omit.rng.pick(ATTRIBUTE_NAMES) : null;
    const text = left
      ? omit!.rng.pick(TERSE_TEMPLATES[left])(drawWords(attrs, rng))
      : captionFromTemplate(rng.int(CAPTION_TEMPLATES.length), attrs, rng);
    // After 10 tries per caption, accept a duplicate rather than loop forever.
    if (!out.includes(text) || attempt >= 10 * count) out.push(text);
  }
  return out;
}

/** Lowercase, hyphens and punctuation to spaces, split: 'Top-left: A disc' -> [top, left, a, disc]. */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w.length > 0);
}

interface Phrase {
  words: string[];
  name: AttributeName;
  value: number;
}

/** Every synonym of every value, longest first, so 'top left' is matched before 'top' can claim its word. */
const PHRASES: readonly Phrase[] = ATTRIBUTE_NAMES.flatMap((name) =>
  SYNONYMS[name].flatMap((list, value) => list.map((s) => ({ words: words(s), name, value }))),
).sort((p, q) => q.words.length - p.words.length);

/** Position values that name one edge only: top/bottom give a row, left/right a column. */
const CENTRE = 4;
const EDGE_ROW: Readonly<Record<number, number>> = { 1: 0, 7: 2 };
const EDGE_COLUMN: Readonly<Record<number, number>> = { 3: 0, 5: 2 };

/**
 * Combines two different position mentions when together they name one cell: 'left ... top' is the top
 * left, 'middle ... top' is the top. Returns undefined when they do not combine.
 */
function combinePositions(p: number, q: number): number | undefined {
  const row = EDGE_ROW[p] ?? EDGE_ROW[q];
  const column = EDGE_COLUMN[p] ?? EDGE_COLUMN[q];
  if (row !== undefined && column !== undefined) return 3 * row + column;
  if (p === CENTRE && (q in EDGE_ROW || q in EDGE_COLUMN)) return q;
  if (q === CENTRE && (p in EDGE_ROW || p in EDGE_COLUMN)) return p;
  return undefined;
}

/**
 * Reads attribute value indices from a caption: any template's output, and free variants (other word
 * order, punctuation, hyphens, extra words). Phrases are matched longest first and each word is used at
 * most once, so 'top middle' is the top, not the top plus the centre. Attributes not mentioned are absent.
 * When an attribute is mentioned with two different values the first mention wins, except two position
 * mentions that name one cell together ('on the left, near the top' is the top left).
 */
export function parseCaption(text: string): Partial<Record<AttributeName, number>> {
  const tokens = words(text);
  const used = new Array<boolean>(tokens.length).fill(false);
  const mentions: { start: number; name: AttributeName; value: number }[] = [];
  for (const phrase of PHRASES) {
    const n = phrase.words.length;
    for (let start = 0; start + n <= tokens.length; start++) {
      let match = true;
      for (let k = 0; k < n && match; k++) match = !used[start + k] && tokens[start + k] === phrase.words[k];
      if (!match) continue;
      for (let k = 0; k < n; k++) used[start + k] = true;
      mentions.push({ start, name: phrase.name, value: phrase.value });
    }
  }
  mentions.sort((m1, m2) => m1.start - m2.start);

  const result: Partial<Record<AttributeName, number>> = {};
  for (const m of mentions) if (result[m.name] === undefined) result[m.name] = m.value;

  const positions = [...new Set(mentions.filter((m) => m.name === 'position').map((m) => m.value))];
  if (positions.length === 2) {
    const combined = combinePositions(positions[0], positions[1]);
    if (combined !== undefined) result.position = combined;
  }
  return result;
}
