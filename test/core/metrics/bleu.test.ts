import { describe, it, expect } from 'vitest';
import { bleuCounts, brevityPenalty, corpusBleu, sentenceBleu } from '../../../src/core/metrics/bleu';

const w = (s: string): string[] => s.split(' ');

// Papineni et al. (2002), section 2.1, example 1, with its three references; and a second sentence.
const hyp1 = w(
  'It is a guide to action which ensures that the military always obeys the commands of the party',
);
const ref1a = w('It is a guide to action that ensures that the military will forever heed Party commands');
const ref1b = w(
  'It is the guiding principle which guarantees the military forces always being under the command of the Party',
);
const ref1c = w('It is the practical guide for the army always to heed the directions of the party');
const hyp2 = w('he read the book because he was interested in world history');
const ref2a = w('he was interested in world history because he read the book');

describe('BLEU', () => {
  it('clips repeated words to their largest count in one reference (the paper’s "the the the")', () => {
    const refs = [w('the cat is on the mat'), w('there is a cat on the mat')];
    const counts = bleuCounts([w('the the the the the the the')], [refs], 1);
    // 'the' appears at most twice in one reference: 2 of the 7 candidate words count.
    expect(counts.matched).toEqual([2]);
    expect(counts.total).toEqual([7]);
    expect(sentenceBleu(w('the the the the the the the'), refs, 1)[0]).toBeCloseTo(2 / 7, 12);
  });

  it('counts the modified n-gram precisions of the paper’s example by hand', () => {
    const c = bleuCounts([hyp1], [[ref1a, ref1b, ref1c]]);
    // 17/18 unigrams ('obeys' is in no reference), 10/17 bigrams, 7/16 trigrams, 4/15 4-grams.
    expect(c.matched).toEqual([17, 10, 7, 4]);
    expect(c.total).toEqual([18, 17, 16, 15]);
    expect(c.candidateLength).toBe(18);
    expect(c.referenceLength).toBe(18); // the 18-word reference is the closest
  });

  it('matches known sentence BLEU-1..4 of the paper’s example', () => {
    const b = sentenceBleu(hyp1, [ref1a, ref1b, ref1c]);
    // BP = 1; BLEU-N = exp(mean of log p_1..p_N).
    expect(b[0]).toBeCloseTo(17 / 18, 12);
    expect(b[1]).toBeCloseTo(Math.sqrt((17 / 18) * (10 / 17)), 12);
    expect(b[3]).toBeCloseTo(((17 / 18) * (10 / 17) * (7 / 16) * (4 / 15)) ** 0.25, 12);
    expect(b[3]).toBeCloseTo(0.5045666840058485, 12);
  });

  it('pools counts over the corpus rather than averaging sentence scores', () => {
    const b = corpusBleu([hyp1, hyp2], [[ref1a, ref1b, ref1c], [ref2a]]);
    // p1 = (17 + 11) / (18 + 11), p2 = (10 + 9) / (17 + 10), p3 = (7 + 6) / (16 + 9), p4 = (4 + 4) / (15 + 8).
    const p = [28 / 29, 19 / 27, 13 / 25, 8 / 23];
    expect(b[0]).toBeCloseTo(p[0], 12);
    expect(b[1]).toBeCloseTo(Math.sqrt(p[0] * p[1]), 12);
    expect(b[2]).toBeCloseTo(Math.cbrt(p[0] * p[1] * p[2]), 12);
    expect(b[3]).toBeCloseTo(0.5920778868801042, 12);
  });

  it('penalises short candidates with the brevity penalty', () => {
    // c = 2, r = 6: BP = exp(1 − 3); both n-gram precisions are 1.
    const b = sentenceBleu(w('the cat'), [w('the cat is on the mat')], 2);
    expect(b[0]).toBeCloseTo(Math.exp(-2), 12);
    expect(b[1]).toBeCloseTo(Math.exp(-2), 12);
    expect(brevityPenalty(7, 6)).toBe(1);
    expect(brevityPenalty(0, 6)).toBe(0);
  });

  it('chooses the shorter reference length on a tie', () => {
    // Candidate of 4 words, references of 3 and 5: both 1 away, r = 3, so no penalty (c > r).
    const c = bleuCounts([w('a b c d')], [[w('a b c'), w('a b c d e')]]);
    expect(c.referenceLength).toBe(3);
  });

  it('is 1 for an exact match and 0 when no 4-gram matches', () => {
    expect(sentenceBleu(w('a small red circle'), [w('a small red circle')])).toEqual([1, 1, 1, 1]);
    const b = sentenceBleu(w('red small a circle'), [w('a small red circle')]);
    expect(b[0]).toBeCloseTo(1, 12);
    expect(b[3]).toBe(0);
  });

  it('works on token ids and rejects mismatched lists', () => {
    expect(corpusBleu([[5, 6, 7]], [[[5, 6, 7]]], 3)).toEqual([1, 1, 1]);
    expect(() => corpusBleu([[1]], [])).toThrow(/1 candidates but 0/);
  });
});
