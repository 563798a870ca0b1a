import type { Lesson } from './types';
import { firstPoint, fmt, lastPoint } from './measures';
import { canonicalTotal, rawCanonicalTotal, towerGap } from './extraReaders';

/**
 * How much more total correlation Deep CCA must find than linear CCA on the raw features before the
 * lesson calls it more: one whole component's worth, well beyond the ±0.2 an evaluation varies by.
 */
const MARGIN = 1;

export const correlationLesson: Lesson = {
  id: 'correlation',
  title: 'Correlated is not aligned: Deep CCA',
  summary: 'Linear CCA on raw pixels and words against Deep CCA; the canonical-correlation spectrum.',
  source: 'Hotelling 1936; Andrew et al. 2013 (Deep CCA)',
  setup: { framework: 'correlation', loss: 'dcca' },
  start: { label: 'Train Deep CCA', plan: { kind: 'train' } },
  steps: [
    {
      text:
        'Canonical correlation analysis finds, for each modality, directions whose projections vary ' +
        'together as closely as possible across the pairs: the canonical correlations ρ₁ ≥ ρ₂ ≥ … ≥ 0.',
      formula: String.raw`\rho_1 = \max_{a,\,b} \operatorname{corr}(a^\top x,\; b^\top y)`,
    },
    {
      text:
        'Linear CCA can only use linear projections of the raw features (pixels, word counts). Deep CCA ' +
        'trains two networks so that the total canonical correlation of their outputs, Σρ, is as large as ' +
        'possible.',
    },
    {
      text:
        'The spectrum in the correlation panel shows one bar per component. Watch the total grow past what ' +
        'linear CCA finds in the raw features.',
    },
    {
      text:
        'Correlation asks only that the two codes move together, not that they are the same vectors: the ' +
        'towers’ outputs can be perfectly correlated and still sit far apart. The shared space shows them ' +
        'after the CCA projection, which lines the components up.',
    },
  ],
  checkpoints: [
    {
      id: 'linear',
      text: 'Linear CCA on the raw features already finds some correlation.',
      check(ctx) {
        const raw = rawCanonicalTotal(firstPoint(ctx.current));
        if (!raw) return null;
        return `Linear CCA on raw pixels and word counts: Σρ = ${fmt(raw.total)} over ${raw.k} components.`;
      },
    },
    {
      id: 'deeper',
      text: 'Deep CCA’s towers find more correlation than linear CCA on the raw features.',
      check(ctx) {
        const p = lastPoint(ctx.current);
        const raw = rawCanonicalTotal(firstPoint(ctx.current));
        const deep = canonicalTotal(p);
        if (!p || p.step === 0 || !raw || !deep || deep.total < raw.total + MARGIN) return null;
        return `Step ${p.step}: Deep CCA Σρ = ${fmt(deep.total)} against ${fmt(raw.total)} for linear CCA on raw features.`;
      },
    },
    {
      id: 'notAligned',
      text: 'High correlation, yet the towers’ outputs keep a gap: correlated is not aligned.',
      check(ctx) {
        const p = lastPoint(ctx.current);
        const raw = rawCanonicalTotal(firstPoint(ctx.current));
        const deep = canonicalTotal(p);
        const gap = towerGap(p);
        if (!p || p.step === 0 || !raw || !deep || deep.total < raw.total + MARGIN || gap === null)
          return null;
        if (gap < 0.3) return null;
        return `Step ${p.step}: Σρ = ${fmt(deep.total)} of at most ${deep.k}, while the towers’ outputs sit ${fmt(gap)} apart (gap between their centres).`;
      },
    },
  ],
  moment: 'notAligned',
  momentText:
    'The two towers now find more correlation than linear CCA finds in the raw pixels and words, yet their ' +
    'outputs are not the same vectors: CCA’s loss never asked them to meet, and they stay as far apart as ' +
    'at the start. Only after the CCA projection whitens and lines them up do they share a space.',
  figure: { kind: 'none' },
};
