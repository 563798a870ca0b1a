import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/core/experiment/config';
import { costKey } from '../../src/training/backendCost';

describe('the cost key of a backend decision', () => {
  const base = defaultConfig();

  it('is shared by configs a queue sweeps without changing the model: seeds, temperatures, steps', () => {
    for (const patch of [{ seed: 9 }, { temperature: 0.5 }, { steps: 0 }, { lr: 0.01, margin: 0.4 }])
      expect(costKey({ ...base, ...patch })).toBe(costKey(base));
  });

  it('differs when a step does other work: batch size, widths, framework', () => {
    for (const patch of [
      { batchSize: base.batchSize * 2 },
      { dim: base.dim * 2 },
      { framework: 'joint' as const },
    ])
      expect(costKey({ ...base, ...patch })).not.toBe(costKey(base));
  });
});
