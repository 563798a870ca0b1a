import { describe, expect, it } from 'vitest';
import {
  commonWordIds,
  distinctWords,
  toImageBytes,
  topWords,
} from '../../../src/core/frameworks/inspection';
import { vocabularyFromWords } from '../../../src/core/text/vocabulary';

const vocab = vocabularyFromWords(['<pad>', '<unk>', '<s>', '</s>', 'red', 'circle', 'small']);

describe('inspection payload helpers', () => {
  it('turns floats in [0, 1] into bytes, clamping what lies outside and reading NaN as black', () => {
    expect(Array.from(toImageBytes([0, 0.5, 1, -0.2, 1.7, NaN, 0.2]))).toEqual([0, 128, 255, 0, 255, 0, 51]);
  });

  it('ranks the most probable words, skipping padding and the sentence markers but keeping <unk>', () => {
    // p:          pad  unk   <s>  </s>  red  circle small
    const probs = [0.3, 0.1, 0.2, 0.05, 0.2, 0.1, 0.05];
    expect(topWords(probs, vocab, 3)).toEqual([
      { word: 'red', p: 0.2 },
      // A tie between <unk> (id 1) and circle (id 5) keeps vocabulary order.
      { word: '<unk>', p: 0.1 },
      { word: 'circle', p: 0.1 },
    ]);
    expect(topWords(probs, vocab, 99)).toHaveLength(4);
    // Words to leave out are skipped before ranking.
    expect(topWords(probs, vocab, 2, new Set([4, 1]))).toEqual([
      { word: 'circle', p: 0.1 },
      { word: 'small', p: 0.05 },
    ]);
  });

  it('finds the words in more than a share of the captions, counting each caption once', () => {
    // 'red' (4) is in 3 of 4 captions (twice in one), 'circle' (5) in 2, 'small' (6) in 1.
    const captions = [[4, 5, 4], [4], [4, 5, 6], [6]];
    expect(commonWordIds(captions, 0.5)).toEqual([4]);
    expect(commonWordIds(captions, 0.25)).toEqual([4, 5, 6]);
    expect(commonWordIds([], 0.5)).toEqual([]);
  });

  it('lists the distinct words of a caption in order, unknown ids as <unk>', () => {
    expect(distinctWords([6, 4, 5, 4, 1, 99], vocab)).toEqual(['small', 'red', 'circle', '<unk>']);
  });
});
