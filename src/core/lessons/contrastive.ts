import type { Lesson, LessonContext, LessonPoint } from './types';
import { firstPoint, fmt, lastPoint } from './measures';

/** R@1 (seen, image → caption) that shows retrieval working: most queries find a right caption first. */
const WORKING_R1 = 0.5;
/**
 * How far uniformity may rise (toward 0, i.e. collapse) and still "hold". Uniformity is
 * log E exp(−2‖x − x'‖²): −4 is spread over the sphere, 0 is every code in one point.
 */
const UNIFORMITY_SLACK = 0.25;

function startAndNow(ctx: LessonContext): [LessonPoint, LessonPoint] | null {
  const start = firstPoint(ctx.current);
  const now = lastPoint(ctx.current);
  return start && now && start.step === 0 && now.step > 0 ? [start, now] : null;
}

function halved(ctx: LessonContext, key: 'gap' | 'alignment'): string | null {
  const sn = startAndNow(ctx);
  if (!sn) return null;
  const [start, now] = sn;
  if (now.metrics[key] >= start.metrics[key] / 2) return null;
  return `${key === 'gap' ? 'Gap' : 'Alignment'} ${fmt(start.metrics[key])} → ${fmt(now.metrics[key])} by step ${now.step}.`;
}

export const contrastiveLesson: Lesson = {
  id: 'contrastive',
  title: 'Contrastive learning closes the gap',
  summary: 'InfoNCE (the CLIP loss) pulls matching pairs together: the arrow shrinks, retrieval works.',
  source: 'Radford et al. 2021 (CLIP); Wang & Isola 2020',
  setup: { framework: 'coordinated', loss: 'infonce', temperature: 0.1, seed: 1 },
  start: { label: 'Train with InfoNCE', plan: { kind: 'train' } },
  steps: [
    {
      text:
        'Two encoders, one per modality, each end in a 32-dimensional unit vector. InfoNCE treats every ' +
        'batch as a matching puzzle: each image must pick its own caption among the batch’s 64, and each ' +
        'caption its own image.',
      formula: String.raw`\mathcal{L} = -\frac{1}{2B}\sum_{i}\Big[\log\frac{e^{x_i\cdot y_i/\tau}}{\sum_j e^{x_i\cdot y_j/\tau}} + \log\frac{e^{x_i\cdot y_i/\tau}}{\sum_j e^{x_j\cdot y_i/\tau}}\Big]`,
    },
    {
      text:
        'Watch the arrow between the centres of the two clouds in the shared space: its length is the ' +
        'modality gap.',
    },
    {
      text:
        'Alignment is the mean squared distance between the codes of matching pairs: lower is better. ' +
        'Uniformity says how evenly all codes spread over the sphere; it must not climb toward 0, which ' +
        'would mean every code collapsed onto one point (Wang & Isola 2020).',
      formula: String.raw`\ell_{\text{align}} = \mathbb{E}\,\lVert x - y\rVert^2 \qquad \ell_{\text{unif}} = \log \mathbb{E}\, e^{-2\lVert x - x'\rVert^2}`,
    },
  ],
  checkpoints: [
    {
      id: 'start',
      text: 'Before training, matching codes are far apart: alignment near 2 means they are nearly orthogonal.',
      check(ctx) {
        const start = firstPoint(ctx.current);
        if (!start || start.step !== 0) return null;
        return `Step 0: alignment ${fmt(start.metrics.alignment)}, gap ${fmt(start.metrics.gap)}, R@1 ${fmt(start.metrics.seen.i2t.r1)}.`;
      },
    },
    {
      id: 'arrow',
      text: 'The arrow shrinks: the gap falls below half of where it started.',
      check: (ctx) => halved(ctx, 'gap'),
    },
    {
      id: 'aligned',
      text: 'Matching pairs come together: alignment falls below half of where it started.',
      check: (ctx) => halved(ctx, 'alignment'),
    },
    {
      id: 'retrieval',
      text: `Retrieval works: for most images, the first caption found is a right one (R@1 above ${WORKING_R1}).`,
      check(ctx) {
        const now = lastPoint(ctx.current);
        if (!now || now.metrics.seen.i2t.r1 <= WORKING_R1) return null;
        return `R@1 image → caption ${fmt(now.metrics.seen.i2t.r1)}, caption → image ${fmt(now.metrics.seen.t2i.r1)} at step ${now.step}.`;
      },
    },
    {
      id: 'uniformity',
      text: 'Alignment fell while uniformity held: the codes did not collapse to one point.',
      check(ctx) {
        const sn = startAndNow(ctx);
        if (!sn || !halved(ctx, 'alignment')) return null;
        const [start, now] = sn;
        const m0 = start.metrics;
        const m = now.metrics;
        if (m.seen.i2t.r1 <= WORKING_R1) return null;
        if (m.uniformityImage > m0.uniformityImage + UNIFORMITY_SLACK) return null;
        if (m.uniformityText > m0.uniformityText + UNIFORMITY_SLACK) return null;
        return (
          `By step ${now.step}: alignment ${fmt(m0.alignment)} → ${fmt(m.alignment)}, while uniformity went ` +
          `${fmt(m0.uniformityImage)} → ${fmt(m.uniformityImage)} (images) and ` +
          `${fmt(m0.uniformityText)} → ${fmt(m.uniformityText)} (captions).`
        );
      },
    },
  ],
  moment: 'uniformity',
  momentText:
    'InfoNCE pulled each image toward its own caption (alignment fell) and kept pushing the other pairs of ' +
    'the batch apart (uniformity held). The two clouds now overlap, and retrieval works.',
  figure: { kind: 'none' },
  next: {
    label: 'Try the hinge loss',
    text: 'DeViSE and VSE rank with a margin instead of a softmax: does it close the gap as fast?',
    patch: { loss: 'hinge' },
  },
};
