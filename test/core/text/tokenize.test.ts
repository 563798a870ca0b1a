import { describe, expect, it } from 'vitest';
import { MAX_TEXT_CHARS, tokenize } from '../../../src/core/text/tokenize';

describe('tokenize', () => {
  it('splits on punctuation and hyphens and lower-cases', () => {
    expect(tokenize('Top-left: a RED disc!')).toEqual(['top', 'left', 'a', 'red', 'disc']);
    expect(tokenize('small,blue;square...(centre)')).toEqual(['small', 'blue', 'square', 'centre']);
    expect(tokenize("it's 3 circles")).toEqual(['it', 's', '3', 'circles']);
  });

  it('folds compatibility forms with NFKC', () => {
    // Full-width letters, the ﬁ ligature and a decomposed é (e + U+0301) all meet their plain spelling.
    expect(tokenize('ＲＥＤ ﬁne cafe\u0301')).toEqual(['red', 'fine', 'café']);
    expect(tokenize('cafe\u0301')).toEqual(tokenize('caf\u00e9'));
    // Superscript two becomes the digit 2, so "x²" is one word "x2".
    expect(tokenize('x²')).toEqual(['x2']);
  });

  it('keeps words of non-Latin scripts', () => {
    // Greek upper case lower-cases with the final sigma.
    expect(tokenize('ΚΌΚΚΙΝΟΣ ΚΎΚΛΟΣ')).toEqual(['κόκκινος', 'κύκλος']);
    expect(tokenize('Красный круг')).toEqual(['красный', 'круг']);
    // CJK has no spaces to split on: a run of ideographs is one word, spaces still separate.
    expect(tokenize('红色 圆形')).toEqual(['红色', '圆形']);
    expect(tokenize('红色的圆')).toEqual(['红色的圆']);
  });

  it('makes each emoji a word of its own', () => {
    expect(tokenize('red 🔴 circle')).toEqual(['red', '🔴', 'circle']);
    expect(tokenize('🔴🟦')).toEqual(['🔴', '🟦']);
    expect(tokenize('star⭐')).toEqual(['star', '⭐']);
  });

  it('returns no words for empty, blank or non-string input', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('   \t\n')).toEqual([]);
    expect(tokenize('?!…—')).toEqual([]);
    expect(tokenize(undefined as unknown as string)).toEqual([]);
    expect(tokenize(42 as unknown as string)).toEqual([]);
  });

  it('treats markup and control characters as separators', () => {
    expect(tokenize('<b>red</b>\u0000circle\t\n<script>alert(1)</script>\u200bblue')).toEqual([
      'b',
      'red',
      'b',
      'circle',
      'script',
      'alert',
      '1',
      'script',
      'blue',
    ]);
    expect(tokenize('red\u0007\u001b[31mcircle')).toEqual(['red', '31mcircle']);
  });

  it('clips a 100 KB text to its first MAX_TEXT_CHARS characters, quickly', () => {
    const text = 'red circle '.repeat(10_000); // 110,000 characters
    const start = performance.now();
    const words = tokenize(text);
    const ms = performance.now() - start;
    // 2000 = 181 · 11 + 9: 181 whole "red circle " and then "red circl".
    expect(MAX_TEXT_CHARS).toBe(2000);
    expect(words.length).toBe(181 * 2 + 2);
    expect(words.slice(-2)).toEqual(['red', 'circl']);
    expect(ms).toBeLessThan(250);
  });

  it('does not throw when the clip splits a surrogate pair', () => {
    // 1999 letters and an emoji: the cut keeps only the emoji's high surrogate, which is no word.
    const words = tokenize('a'.repeat(MAX_TEXT_CHARS - 1) + '🔴');
    expect(words).toHaveLength(1);
    expect(words[0]).toHaveLength(MAX_TEXT_CHARS - 1);
  });
});
