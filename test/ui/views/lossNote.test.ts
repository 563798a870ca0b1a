import { describe, expect, it } from 'vitest';
import { lossNote } from '../../../src/ui/views/lossNote';

const base = { dim: 32, ccaTopK: 0, softccaLambda: 0.5 };

describe('loss chart note', () => {
  it('says why Deep CCA’s loss is negative, and its floor', () => {
    expect(lossNote({ ...base, loss: 'dcca' })).toMatch(/minus the total canonical correlation.*−32\.$/);
    expect(lossNote({ ...base, loss: 'dcca', ccaTopK: 10 })).toMatch(/sum of its 10 largest.*−10\.$/);
    expect(lossNote({ ...base, loss: 'dcca', ccaTopK: 100 })).toMatch(/−32\.$/);
  });

  it('says what soft CCA’s loss adds up, and nothing for losses that fall to 0 as errors', () => {
    expect(lossNote({ ...base, loss: 'softcca' })).toMatch(/λ = 0\.5 .*0 at best/);
    expect(lossNote({ ...base, loss: 'infonce' })).toBeNull();
    expect(lossNote({ ...base, loss: 'mle' })).toBeNull();
  });
});
