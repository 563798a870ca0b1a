import { describe, expect, it } from 'vitest';
import { layoutStatusText } from '../../../src/ui/views/LayoutStatus';

describe('what the shared space says it shows', () => {
  it('says nothing while nothing is drawn', () => {
    expect(
      layoutStatusText({ points: 0, step: null, computing: { progress: null, quick: false } }, 'umap', 0),
    ).toBeNull();
  });

  it('names a quick layout while UMAP refines it, with how far it got', () => {
    const quick = (progress: number | null) =>
      layoutStatusText({ points: 512, step: 0, computing: { progress, quick: true } }, 'umap', 0);
    expect(quick(0)).toBe('Quick layout of step 0 — refining with UMAP…');
    expect(quick(0.404)).toBe('Quick layout of step 0 — refining with UMAP… 40%');
  });

  it('gives the step of the points and, when it differs, that of the metrics', () => {
    const settled = (step: number, metricsStep: number | null) =>
      layoutStatusText({ points: 512, step, computing: null }, 'umap', metricsStep);
    expect(settled(1250, 1250)).toBe('Points and metrics at step 1,250.');
    expect(settled(1262, 1250)).toBe('Points at step 1,262; metrics from the evaluation at step 1,250.');
    // A warm refresh under way keeps the settled picture's words.
    expect(
      layoutStatusText({ points: 512, step: 30, computing: { progress: null, quick: false } }, 'pca', 25),
    ).toBe('Points at step 30; metrics from the evaluation at step 25.');
  });
});
