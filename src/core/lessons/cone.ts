import type { Lesson, LessonRun } from './types';
import { firstPoint, fmt, spread } from './measures';

const SEEDS = [1, 2, 3, 4, 5];
/** A cone this wide is "narrow": a random direction pair on the 32-d sphere has cosine ≈ 0 ± 0.18. */
const NARROW_CONE = 0.3;
/** A gap this large means the two clouds' centres are clearly apart (unit vectors: the gap is at most 2). */
const CLEAR_GAP = 0.3;

/** Step-0 measurements of the runs that have them. */
function measured(runs: readonly LessonRun[]) {
  return runs.flatMap((run) => {
    const p = firstPoint(run);
    return p && p.step === 0 ? [{ seed: run.config.seed, m: p.metrics }] : [];
  });
}

export const coneLesson: Lesson = {
  id: 'cone',
  title: 'The gap is there before training',
  summary: 'Random encoders already put images and captions in two narrow cones, apart from each other.',
  source: 'Liang et al. 2022, “Mind the Gap”',
  setup: { framework: 'coordinated', loss: 'infonce' },
  start: {
    label: 'Measure 5 untrained models',
    plan: {
      kind: 'queue',
      label: 'Initialisation, seeds 1–5',
      runs: (base) => SEEDS.map((seed) => ({ config: { ...base, seed }, steps: 0 })),
    },
  },
  steps: [
    {
      text:
        'Each modality has its own encoder, and both start from random weights. Press the start button: ' +
        'the playground builds the model five times, with seeds 1 to 5, and measures each one without ' +
        'training it.',
    },
    {
      text:
        'The cone of a modality is the mean cosine between the codes of two different items of it. ' +
        'Near 0, the codes point every which way; near 1, they all crowd into one narrow cone.',
      formula: String.raw`\text{cone}(X) = \frac{1}{n(n-1)} \sum_{i \neq j} \cos(x_i, x_j)`,
    },
    {
      text: 'The modality gap is the distance between the centres of the two clouds of unit vectors.',
      formula: String.raw`\text{gap} = \Big\lVert \tfrac{1}{n}\textstyle\sum_i x_i - \tfrac{1}{n}\sum_i y_i \Big\rVert`,
    },
    {
      text:
        'Liang et al. (2022) found both in CLIP and in randomly initialised models alike: a deep encoder ' +
        'maps its inputs into a narrow cone of its own, so two modalities start apart before training ' +
        'has seen a single pair.',
    },
  ],
  checkpoints: [
    {
      id: 'narrow',
      text: 'Each modality sits in a narrow cone: the cone cosine of images and of captions is well above 0.',
      check(ctx) {
        const first = measured(ctx.runs)[0];
        if (!first || first.m.coneImage < NARROW_CONE || first.m.coneText < NARROW_CONE) return null;
        return `Seed ${first.seed}: images ${fmt(first.m.coneImage)}, captions ${fmt(first.m.coneText)}.`;
      },
    },
    {
      id: 'apart',
      text: 'The two cones are apart: the gap between their centres is large before any training.',
      check(ctx) {
        const first = measured(ctx.runs)[0];
        if (!first || first.m.gap < CLEAR_GAP) return null;
        return `Seed ${first.seed}: gap ${fmt(first.m.gap)} (0 would mean the centres coincide; 2 is the most two unit vectors can differ).`;
      },
    },
    {
      id: 'reseed',
      text: 'A new seed moves the cones, but every seed starts with a gap.',
      check(ctx) {
        const all = measured(ctx.runs);
        if (all.length < 3 || all.some((r) => r.m.gap < CLEAR_GAP)) return null;
        const gap = spread(all.map((r) => r.m.gap));
        const image = spread(all.map((r) => r.m.coneImage));
        const text = spread(all.map((r) => r.m.coneText));
        return (
          `${all.length} seeds: gap ${fmt(gap.min)}–${fmt(gap.max)} (mean ${fmt(gap.mean)}); ` +
          `image cone ${fmt(image.min)}–${fmt(image.max)}, caption cone ${fmt(text.min)}–${fmt(text.max)}.`
        );
      },
    },
  ],
  moment: 'reseed',
  momentText:
    'Every seed builds different encoders, and the cones come out wider or narrower, yet every untrained ' +
    'model starts with a gap: it comes from the random encoders themselves, not from anything learnt ' +
    'from the data.',
  figure: { kind: 'seeds' },
  next: {
    label: 'Now train seed 1',
    text: 'Train one of these models with InfoNCE and watch the same gap close.',
    patch: { seed: 1 },
  },
};
