import { describe, expect, it } from 'vitest';
import { playLabel, rateLine } from '../../../src/ui/controls/transportText';

describe('transport bar text', () => {
  it('names Play as Continue once the run reached its steps', () => {
    expect(playLabel('ready')).toBe('Play');
    expect(playLabel('stopped')).toBe('Play');
    expect(playLabel('finished')).toBe('Continue');
  });

  it('says "warming up…" until a run reports its speed, instead of step 0 and no rate', () => {
    expect(rateLine('starting', 0)).toBe('starting…');
    expect(rateLine('running', 0)).toBe('warming up…');
    expect(rateLine('running', 1234.4)).toBe('1234 pairs/s');
    expect(rateLine('ready', 900)).toBeNull();
    expect(rateLine('finished', 900)).toBe('finished: Continue trains on');
  });
});
