import { describe, expect, it } from 'vitest';
import { FULL_EVAL_SHARE, FullEvalBudget } from '../../src/training/fullEvalBudget';

describe('the budget of full evaluations', () => {
  it('allows the first, then one per cost ÷ share of training time', () => {
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

  it('lets a cheap full evaluation come at every mark', () => {
    const budget = new FullEvalBudget(0.05);
    budget.measured(400); // 400 ms against 8 s of training between marks: 5% of 8 s is exactly 400 ms
    budget.trained(8_000);
    expect(budget.affordable()).toBe(true);
  });
});
