import { describe, expect, it } from 'vitest';
import { PRESENTATION_HIDES, viewFromExtras, viewToExtras } from '../../src/state/viewState';

describe('view state in the link', () => {
  it('round-trips a lesson in presentation mode with its own hidden panels', () => {
    const { view, errors } = viewFromExtras({ lesson: 'temperature', present: '1', hide: 'settings,charts' });
    expect(errors).toEqual([]);
    expect(view).toEqual({
      lesson: 'temperature',
      lessonQueue: null,
      presenting: true,
      hidden: ['settings', 'charts'],
    });
    expect(viewToExtras(view)).toEqual({ lesson: 'temperature', present: '1', hide: 'charts,settings' });
  });
  it('presentation mode hides the bench forms by default, and the link stays short', () => {
    const { view } = viewFromExtras({ present: '1' });
    expect(view.hidden).toEqual(PRESENTATION_HIDES);
    expect(viewToExtras(view)).toEqual({ present: '1' });
  });
  it('writes nothing for the plain bench', () => {
    expect(viewToExtras(viewFromExtras({}).view)).toEqual({});
  });
  it('reports an unknown lesson or panel instead of trusting it', () => {
    const { view, errors } = viewFromExtras({ lesson: '<script>', present: '1', hide: 'settings,bogus' });
    expect(view.lesson).toBeNull();
    expect(view.hidden).toEqual(['settings']);
    expect(errors).toEqual(['unknown lesson "<script>"', 'unknown panels to hide: bogus']);
  });
});
