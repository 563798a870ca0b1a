import { describe, it, expect } from 'vitest';
import { chanceRecall, smallEvaluationWarning } from '../../../src/core/metrics/chance';
import { semanticRanks, recallFromRanks } from '../../../src/core/metrics/recall';
import { createRng } from '../../../src/core/random/rng';

const distinct = (n: number) => Array.from({ length: n }, (_, i) => `image-${i}`);

describe('chance retrieval scores', () => {
  it('is K / n when every pair is its own meaning', () => {
    expect(chanceRecall(distinct(6), 1)).toBeCloseTo(1 / 6, 12);
    expect(chanceRecall(distinct(6), 5)).toBeCloseTo(5 / 6, 12);
    expect(chanceRecall(distinct(6), 10)).toBe(1);
  });

  it('counts shared meanings: keys a,a,b,b,c gives R@1 = (2/5·4 + 1/5)/5 = 0.36', () => {
    expect(chanceRecall(['a', 'a', 'b', 'b', 'c'], 1)).toBeCloseTo(0.36, 12);
    // R@2 for a query of 'a': 1 − C(3,2)/C(5,2) = 1 − 3/10 = 0.7; for 'c': 1 − C(4,2)/C(5,2) = 0.4.
    expect(chanceRecall(['a', 'a', 'b', 'b', 'c'], 2)).toBeCloseTo((0.7 * 4 + 0.4) / 5, 12);
  });

  it('matches the mean R@1 of random embeddings', () => {
    const rng = createRng(3);
    const keys = ['a', 'a', 'b', 'c', 'c', 'c', 'd', 'e'];
    const n = keys.length;
    let sum = 0;
    const trials = 3000;
    for (let t = 0; t < trials; t++) {
      const q = Float32Array.from({ length: n * 4 }, () => rng.normal());
      const g = Float32Array.from({ length: n * 4 }, () => rng.normal());
      sum += recallFromRanks(semanticRanks({ data: q, n, d: 4 }, { data: g, n, d: 4 }, keys)).r1;
    }
    expect(sum / trials).toBeCloseTo(chanceRecall(keys, 1), 1);
  });
});

describe('small evaluation warning', () => {
  it('names the count and what chance is on 6 pairs', () => {
    const warning = smallEvaluationWarning(distinct(6));
    expect(warning).toContain('Only 6 evaluation pairs');
    expect(warning).toContain('R@1 0.17');
    expect(warning).toContain('R@5 0.83');
  });

  it('stays quiet from 50 pairs on', () => {
    expect(smallEvaluationWarning(distinct(49))).not.toBeNull();
    expect(smallEvaluationWarning(distinct(50))).toBeNull();
  });
});
