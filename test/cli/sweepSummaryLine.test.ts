import { describe, expect, it } from 'vitest';
import { firstPairDirections } from '../../src/cli/runExperiment';
import { summaryLine } from '../../src/cli/runSweep';
import type { SweepRow } from '../../src/core/experiment/sweep';

const s = (mean: number, min: number, max: number) => ({ mean, min, max });
const row: SweepRow = {
  value: 'image,audio',
  seeds: [1, 2],
  finalGap: s(0.2, 0.1, 0.3),
  lateGap: s(0.25, 0.2, 0.3),
  alignment: s(0.5, 0.4, 0.6),
  seenR1: s(0.75, 0.5, 1),
  lateSeenR1: s(0.7, 0.5, 0.9),
};

describe('sweep summary line', () => {
  it("names the R@1 direction of the run's first pair", () => {
    expect(firstPairDirections(['image', 'text'])).toEqual(['i2t', 't2i']);
    expect(firstPairDirections(['image', 'text', 'audio'])).toEqual(['i2t', 't2i']);
    expect(firstPairDirections(['text', 'audio'])).toEqual(['caption→sound', 'sound→caption']);
    expect(summaryLine(row, 'modalities', firstPairDirections(['image', 'audio'])[0])).toBe(
      'modalities=image,audio  final gap 0.200 [0.100, 0.300]  late gap 0.250 [0.200, 0.300]  ' +
        'align 0.500 [0.400, 0.600]  R@1 image→sound 0.750 [0.500, 1.000]  (seeds 1,2)',
    );
  });
});
