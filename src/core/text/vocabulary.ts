import { tokenize } from './tokenize';

/** Index 0 pads sequences, 1 stands for any word the vocabulary has not seen, 2/3 start and end a sentence. */
export const PAD = 0;
export const UNK = 1;
export const BOS = 2;
export const EOS = 3;
const SPECIALS = ['<pad>', '<unk>', '<s>', '</s>'] as const;

/** A word <-> index table built from training captions. Plain data, so it can cross to a worker as JSON. */
export interface Vocabulary {
  /** words[i] is the word with index i; the first four are the special tokens. */
  readonly words: readonly string[];
  readonly index: ReadonlyMap<string, number>;
}

export interface VocabularyOptions {
  /** Words seen fewer times are left out (they map to <unk>). Default 1. */
  minCount?: number;
  /** Keep at most this many words besides the specials, most frequent first. Default 5000. */
  maxWords?: number;
}

/** Builds a vocabulary from captions; words are ordered by frequency, ties alphabetically (deterministic). */
export function buildVocabulary(texts: Iterable<string>, options: VocabularyOptions = {}): Vocabulary {
  const { minCount = 1, maxWords = 5000 } = options;
  const counts = new Map<string, number>();
  for (const text of texts) for (const w of tokenize(text)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const ranked = [...counts.entries()]
    .filter(([, c]) => c >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, maxWords)
    .map(([w]) => w);
  return vocabularyFromWords([...SPECIALS, ...ranked]);
}

/** Rebuilds a vocabulary from its word list (e.g. after it crossed a worker boundary as JSON). */
export function vocabularyFromWords(words: readonly string[]): Vocabulary {
  for (let i = 0; i < SPECIALS.length; i++) {
    if (words[i] !== SPECIALS[i])
      throw new Error(`vocabulary: word ${i} must be ${SPECIALS[i]}, got ${words[i]}`);
  }
  return { words, index: new Map(words.map((w, i) => [w, i])) };
}

/** Word indices of a text; unknown words become UNK. */
export function encodeWords(vocab: Vocabulary, text: string): number[] {
  return tokenize(text).map((w) => vocab.index.get(w) ?? UNK);
}

/** The words of `text` that the vocabulary does not know (to flag them in a search box). */
export function unknownWords(vocab: Vocabulary, text: string): string[] {
  return tokenize(text).filter((w) => !vocab.index.has(w));
}

/**
 * Bag-of-words rows: out[i * V + w] = count of word w in texts[i], scaled so each row sums to 1
 * (an empty or all-unknown text gives a row with only the <unk> slot set, never a zero row).
 * Returns a [texts.length, V] row-major Float32Array.
 */
export function bagOfWords(vocab: Vocabulary, texts: readonly string[]): Float32Array {
  const V = vocab.words.length;
  const out = new Float32Array(texts.length * V);
  texts.forEach((text, i) => {
    const ids = encodeWords(vocab, text);
    if (ids.length === 0) ids.push(UNK);
    const w = 1 / ids.length;
    for (const id of ids) out[i * V + id] += w;
  });
  return out;
}

/**
 * Fixed-length token sequences for recurrent encoders and decoders: [BOS, w1, ..., wk, EOS, PAD, ...],
 * truncated to `length` (the EOS is dropped when the text is too long). Returns [texts.length, length] Int32Array.
 */
export function tokenSequences(vocab: Vocabulary, texts: readonly string[], length: number): Int32Array {
  const out = new Int32Array(texts.length * length);
  texts.forEach((text, i) => {
    const ids = [BOS, ...encodeWords(vocab, text), EOS].slice(0, length);
    out.set(ids, i * length);
  });
  return out;
}

/** Turns indices back into text, stopping at EOS and skipping BOS/PAD. */
export function decodeWords(vocab: Vocabulary, ids: ArrayLike<number>): string {
  const words: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (id === EOS) break;
    if (id === BOS || id === PAD) continue;
    words.push(vocab.words[id] ?? '<unk>');
  }
  return words.join(' ');
}
