import { describe, expect, it } from 'vitest';
import {
  BOS,
  EOS,
  PAD,
  UNK,
  bagOfWords,
  buildVocabulary,
  decodeWords,
  encodeWords,
  tokenSequences,
  unknownWords,
  vocabularyFromWords,
} from '../../../src/core/text/vocabulary';

const SPECIALS = ['<pad>', '<unk>', '<s>', '</s>'];
const CAPTIONS = ['a red circle', 'blue circle', 'Red square', 'circle!'];

describe('buildVocabulary', () => {
  it('orders words by count, ties alphabetically, after the four specials', () => {
    // circle ×3, red ×2, then a, blue, square ×1 each in alphabetical order.
    const vocab = buildVocabulary(CAPTIONS);
    expect([PAD, UNK, BOS, EOS]).toEqual([0, 1, 2, 3]);
    expect(vocab.words).toEqual([...SPECIALS, 'circle', 'red', 'a', 'blue', 'square']);
    expect(vocab.index.get('red')).toBe(5);
  });

  it('does not depend on the order of the captions', () => {
    const reversed = buildVocabulary([...CAPTIONS].reverse());
    expect(reversed.words).toEqual(buildVocabulary(CAPTIONS).words);
  });

  it('applies minCount and maxWords', () => {
    expect(buildVocabulary(CAPTIONS, { minCount: 2 }).words).toEqual([...SPECIALS, 'circle', 'red']);
    expect(buildVocabulary(CAPTIONS, { maxWords: 1 }).words).toEqual([...SPECIALS, 'circle']);
    expect(buildVocabulary([]).words).toEqual(SPECIALS);
  });

  it('rebuilds from a word list and rejects one without the specials in place', () => {
    const vocab = buildVocabulary(CAPTIONS);
    const copy = vocabularyFromWords(JSON.parse(JSON.stringify(vocab.words)) as string[]);
    expect([...copy.index]).toEqual([...vocab.index]);
    expect(() => vocabularyFromWords(['<unk>', '<pad>', '<s>', '</s>'])).toThrow(/word 0 must be <pad>/);
    expect(() => vocabularyFromWords(['<pad>'])).toThrow(/word 1/);
  });
});

describe('encoding', () => {
  const vocab = buildVocabulary(CAPTIONS); // circle 4, red 5, a 6, blue 7, square 8

  it('maps unknown words to UNK and lists them', () => {
    expect(encodeWords(vocab, 'A RED triangle')).toEqual([6, 5, UNK]);
    expect(unknownWords(vocab, 'a red triangle, green')).toEqual(['triangle', 'green']);
    expect(encodeWords(vocab, '')).toEqual([]);
  });

  it('bagOfWords gives rows that sum to 1', () => {
    const V = vocab.words.length;
    const texts = ['red red circle', 'red green', '', 'zzz'];
    const bow = bagOfWords(vocab, texts);
    expect(bow).toHaveLength(texts.length * V);
    const row = (i: number) => Array.from(bow.subarray(i * V, (i + 1) * V));
    // "red red circle": red 2/3, circle 1/3.
    expect(row(0)[5]).toBeCloseTo(2 / 3, 6);
    expect(row(0)[4]).toBeCloseTo(1 / 3, 6);
    // "red green": red 1/2, <unk> 1/2.
    expect(row(1)[5]).toBeCloseTo(0.5, 6);
    expect(row(1)[UNK]).toBeCloseTo(0.5, 6);
    // Empty or all-unknown text: only the <unk> slot, never a zero row.
    expect(row(2)[UNK]).toBe(1);
    expect(row(3)[UNK]).toBe(1);
    for (let i = 0; i < texts.length; i++) expect(row(i).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('tokenSequences adds BOS/EOS, pads with PAD and truncates', () => {
    const seq = tokenSequences(vocab, ['red circle', '', 'a red blue square circle'], 5);
    expect(Array.from(seq.subarray(0, 5))).toEqual([BOS, 5, 4, EOS, PAD]);
    expect(Array.from(seq.subarray(5, 10))).toEqual([BOS, EOS, PAD, PAD, PAD]);
    // Too long: the EOS and the last words are cut.
    expect(Array.from(seq.subarray(10, 15))).toEqual([BOS, 6, 5, 7, 8]);
    expect(Array.from(tokenSequences(vocab, ['red'], 1))).toEqual([BOS]);
  });

  it('decodeWords stops at EOS and skips BOS and PAD', () => {
    expect(decodeWords(vocab, [BOS, 5, PAD, 4, EOS, 7])).toBe('red circle');
    expect(decodeWords(vocab, [UNK, 999, 8])).toBe('<unk> <unk> square');
    expect(decodeWords(vocab, [])).toBe('');
    expect(decodeWords(vocab, tokenSequences(vocab, ['Blue, square!'], 6))).toBe('blue square');
  });
});
