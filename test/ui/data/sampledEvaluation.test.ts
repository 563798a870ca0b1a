import { describe, expect, it } from 'vitest';
import { sampledEvaluationNote } from '../../../src/ui/data/sampledEvaluation';

describe('sampledEvaluationNote', () => {
  it('says nothing for a set no larger than the sample', () => {
    expect(sampledEvaluationNote(200, 200, 50)).toBeNull();
    expect(sampledEvaluationNote(256, 256, 50)).toBeNull();
  });

  it('names the sample, the set and when all pairs are measured', () => {
    expect(sampledEvaluationNote(256, 4000, 1250)).toBe(
      'Metrics at step 1,250 are from a seeded sample of 256 of the 4,000 evaluation pairs, so training keeps ' +
        'its pace; all 4,000 are measured at the end of the run and at most every 1,000 steps, when that takes ' +
        'under 5% of the training time. The shared space shows the sample.',
    );
    expect(sampledEvaluationNote(4000, 4000, 1000)).toBe(
      'Metrics at step 1,000 are from all 4,000 evaluation pairs (measured at the end of the run and at most ' +
        'every 1,000 steps, when that takes under 5% of the training time; a sample of 256 in between). The ' +
        'shared space shows the sample.',
    );
  });
});
