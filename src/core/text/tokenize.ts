/**
 * Turns free text into word tokens. The same function serves the training captions, the captions a
 * user imports and whatever a student types into the search box, so it must accept anything: empty
 * strings, 100 KB of text, markup, control characters, any script, emoji. It never throws.
 */

/** Longest caption, in characters, that is tokenised; the rest is ignored (a 100 KB paste stays fast). */
export const MAX_TEXT_CHARS = 2000;

// Words are runs of letters or digits in any script; an emoji (pictographic character) is a word of its own.
const WORD = /[\p{L}\p{M}\p{N}]+|\p{Extended_Pictographic}/gu;

/** Lower-cased word tokens of `text`, e.g. "Top-left: a RED disc!" -> ['top', 'left', 'a', 'red', 'disc']. */
export function tokenize(text: string): string[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const clipped = text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text;
  // NFKC folds compatibility forms (full-width letters, ligatures) so they match their plain spelling.
  const normal = clipped.normalize('NFKC').toLowerCase();
  return normal.match(WORD) ?? [];
}
