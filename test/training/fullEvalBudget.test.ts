import { describe, expect, it } from 'vitest';
import { estimatedFullMs, FULL_EVAL_SHARE, FullEvalBudget } from '../../src/training/fullEvalBudget';

describe('the budget of full evaluations', () => {
  it('estimates a full evaluation from a sample by the square of the ratio of pairs', () => {
    // 4,000 of 256 pairs: (4000 / 256)² = 244.140625, so a 40 ms sample gives 9,765.625 ms.
    expect(estimatedFullMs(40, 256, 4000)).toBe(9765.625);
    // 1,000 of 250: 16× a 25 ms sample.
    expect(estimatedFullMs(25, 250, 1000)).toBe(400);
  });

  it('allows the first when nothing is known of its cost, then one per cost ÷ share of training time', () => {
    expect(FULL_EVAL_SHARE).toBe(0.05);
    const budget = new FullEvalBudget(0.05);
    expect(budget.affordable()).toBe(true); // no cost known yet
    budget.measured(10_000); // a 10 s full evaluation: the next after 10 / 0.05 = 200 s of training
    budget.trained(55_000); // 1,000 steps later: 5% of 55 s is 2.75 s < 10 s
    expect(budget.affordable()).toBe(false);
    budget.trained(144_999); // 199.999 s
    expect(budget.affordable()).toBe(false);
    budget.trained(1);
    expect(budget.affordable()).toBe(true);
  });

  it('holds the first full evaluation back until training has paid for its estimated cost', () => {
    const budget = new FullEvalBudget(0.05);
    // A sample of 256 of 4,000 pairs took 40 ms: the full one is estimated at 9,765.625 ms, affordable
    // after 9,765.625 / 0.05 = 195,312.5 ms of training (not at the 1,000-step mark, ~20 s in).
    budget.sampled(40, 256, 4000);
    budget.trained(20_000);
    expect(budget.affordable()).toBe(false);
    budget.trained(175_312);
    expect(budget.affordable()).toBe(false);
    budget.trained(1);
    expect(budget.affordable()).toBe(true);
  });

  it('follows the latest sample until a full evaluation is measured, then its real cost only', () => {
    const budget = new FullEvalBudget(0.05);
    budget.sampled(80, 256, 1024); // 16 × 80 = 1,280 ms: needs 25.6 s of training
    budget.sampled(20, 256, 1024); // a later, quicker sample: 320 ms, needs 6.4 s
    budget.trained(6_400);
    expect(budget.affordable()).toBe(true);
    budget.measured(500); // the real cost: the next after 10 s of training
    budget.sampled(1, 256, 1024); // samples no longer move it
    budget.trained(9_999);
    expect(budget.affordable()).toBe(false);
    budget.trained(1);
    expect(budget.affordable()).toBe(true);
  });

  it('lets a cheap full evaluation come at every mark', () => {
    const budget = new FullEvalBudget(0.05);
    budget.measured(400); // 400 ms against 8 s of training between marks: 5% of 8 s is exactly 400 ms
    budget.trained(8_000);
    expect(budget.affordable()).toBe(true);
  });
});
