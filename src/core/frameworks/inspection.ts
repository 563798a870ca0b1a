/**
 * Pure helpers that turn a model's outputs into what an inspection carries to the page: images as RGB
 * bytes (a quarter of the floats' size, ready for ImageData) and word distributions as ranked words.
 */
import { BOS, EOS, PAD, type Vocabulary } from '../text/vocabulary';

/** A word with the probability a decoder gives it. */
export interface WordScore {
  word: string;
  p: number;
}

/** Floats in [0, 1] (values outside are clamped, NaN reads as 0) -> bytes in [0, 255], same layout. */
export function toImageBytes(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v > 0 ? (v < 1 ? Math.round(v * 255) : 255) : 0;
  }
  return out;
}

/**
 * The k most probable words of a distribution over the vocabulary, best first. Padding and the sentence
 * markers are never words of a caption, so they are skipped, as are the ids in `skip`; <unk> stays (a
 * decoder may predict it). probs: [V], summing to 1. Ties keep vocabulary order (frequent words first).
 */
export function topWords(
  probs: ArrayLike<number>,
  vocab: Vocabulary,
  k: number,
  skip: ReadonlySet<number> = new Set(),
): WordScore[] {
  const ids: number[] = [];
  for (let w = 0; w < probs.length; w++) if (w !== PAD && w !== BOS && w !== EOS && !skip.has(w)) ids.push(w);
  ids.sort((a, b) => probs[b] - probs[a] || a - b);
  return ids.slice(0, k).map((w) => ({ word: vocab.words[w] ?? '<unk>', p: probs[w] }));
}

/**
 * Word ids found in more than `share` of the captions (a, the, is ...): a bag-of-words decoder ranks them
 * first for every input, so a view that wants to show what a code says about this pair leaves them out.
 * captions: word ids of one caption per pair. Returns ids, most widespread first.
 */
export function commonWordIds(captions: readonly ArrayLike<number>[], share: number): number[] {
  const counts = new Map<number, number>();
  for (const ids of captions)
    for (const w of new Set(Array.from(ids))) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts.entries()]
    .filter(([, c]) => c > share * captions.length)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .map(([w]) => w);
}

/** The distinct words of a caption as the vocabulary reads them (unknown ones as <unk>), in order. */
export function distinctWords(ids: ArrayLike<number>, vocab: Vocabulary): string[] {
  const out: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    const word = vocab.words[ids[i]] ?? '<unk>';
    if (!out.includes(word)) out.push(word);
  }
  return out;
}
