import { describe, expect, it } from 'vitest';
import { CONDITION_LABELS, conditionLabels } from '../../../src/ui/frameworks/inspectedPair';

describe('joint condition labels', () => {
  it('name the run’s first pair, so a sound run never shows “caption only” for its sound', () => {
    expect(conditionLabels(['image', 'audio'])).toEqual({
      both: 'image + sound',
      imageOnly: 'image only',
      textOnly: 'sound only',
    });
    expect(conditionLabels(['text', 'audio'])).toEqual({
      both: 'caption + sound',
      imageOnly: 'caption only',
      textOnly: 'sound only',
    });
  });

  it('keep the image–caption names for image–text and for records without the pair', () => {
    expect(conditionLabels(['image', 'text'])).toEqual(CONDITION_LABELS);
    expect(conditionLabels(undefined)).toEqual(CONDITION_LABELS);
  });
});
