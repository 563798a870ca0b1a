import type { Lesson, LessonRun } from './types';
import { firstPoint, fmt, lastPoint } from './measures';
import { bleu4, captionAllRight } from './extraReaders';

/** Steps per run: captions become mostly right by then on a 2-core laptop. */
export const ENCDEC_STEPS = 300;
export const CONSISTENCY_WEIGHTS = [0.5, 0];
/** A share of seen images captioned with every attribute right that shows the decoder works. */
const CAPTIONS_WORK = 0.3;

function gapChange(run: LessonRun | undefined): { from: number; to: number; step: number } | null {
  const start = firstPoint(run);
  const now = lastPoint(run);
  if (!start || !now || now.step === 0) return null;
  return { from: start.metrics.gap, to: now.metrics.gap, step: now.step };
}

export const encdecLesson: Lesson = {
  id: 'encdec',
  title: 'Encoder–decoder: captioning an image',
  summary:
    'An image becomes a latent from which a GRU writes the caption; a consistency term pulls the latents together.',
  source: 'Vinyals et al. 2015 (Show and Tell); Guo et al. 2019, §IV',
  setup: { framework: 'encdec', direction: 'i2t', consistencyWeight: 0.5, decoding: 'greedy' },
  start: {
    label: 'Train with and without consistency',
    plan: {
      kind: 'queue',
      label: 'Consistency term on and off',
      runs: (base) =>
        CONSISTENCY_WEIGHTS.map((consistencyWeight) => ({
          config: { ...base, consistencyWeight, steps: ENCDEC_STEPS },
          steps: ENCDEC_STEPS,
        })),
    },
  },
  steps: [
    {
      text:
        'The encoder maps the image to a latent vector; a recurrent decoder (GRU) writes the caption word by ' +
        'word from it, trained to make the real caption likely.',
      formula: String.raw`\theta^\star = \arg\max_\theta \sum_{(V,S)} \log p(S \mid V; \theta)`,
    },
    {
      text:
        'A caption encoder maps the caption to a latent too. The consistency term pulls the image latent ' +
        'and the caption latent of a pair together, so that both describe the same meaning.',
    },
    {
      text:
        `The start button trains two models, ${ENCDEC_STEPS} steps each: first with the consistency term, ` +
        'then without it. Watch the generated captions in the encoder–decoder panel, and the gap between the ' +
        'two latents in the shared space.',
    },
  ],
  checkpoints: [
    {
      id: 'captions',
      text: 'The decoder writes captions that name the right attributes.',
      check(ctx) {
        const run = ctx.current ?? ctx.runs[0];
        const share = captionAllRight(lastPoint(run));
        if (share === null || share < CAPTIONS_WORK) return null;
        return `${fmt(share * 100, 0)}% of seen images get a caption with every attribute right (step ${lastPoint(run)?.step}).`;
      },
    },
    {
      id: 'consistency',
      text: 'With the consistency term, the gap between the image latent and the caption latent closes.',
      check(ctx) {
        const withTerm = ctx.runs.find((r) => r.config.consistencyWeight > 0);
        const g = gapChange(withTerm);
        if (!g || g.to >= g.from / 2) return null;
        return `Latent gap ${fmt(g.from)} → ${fmt(g.to)} by step ${g.step}.`;
      },
    },
    {
      id: 'without',
      text: 'Without it, the captions can still be right, but the two latents stay apart.',
      check(ctx) {
        const without = ctx.runs.find((r) => r.config.consistencyWeight === 0 && r.status === 'finished');
        const g = gapChange(without);
        if (!g) return null;
        return `Without the term: latent gap ${fmt(g.from)} → ${fmt(g.to)} after ${g.step} steps.`;
      },
    },
  ],
  moment: 'consistency',
  momentText:
    'Generating the caption does not by itself put the two latents in one place; the consistency term is ' +
    'what closes the gap between them, so the image and caption encoders come to share one space.',
  figure: {
    kind: 'runs',
    columns: [
      {
        label: 'consistency',
        value: (r) => (r.config.consistencyWeight > 0 ? `on (${r.config.consistencyWeight})` : 'off'),
      },
      { label: 'step', value: (r) => String(lastPoint(r)?.step ?? 0) },
      {
        label: 'latent gap',
        value: (r) => `${fmt(firstPoint(r)?.metrics.gap ?? NaN)} → ${fmt(lastPoint(r)?.metrics.gap ?? NaN)}`,
      },
      { label: 'all attributes right', value: (r) => fmt(captionAllRight(lastPoint(r)) ?? NaN) },
      { label: 'BLEU-4', value: (r) => fmt(bleu4(lastPoint(r)) ?? NaN) },
    ],
  },
};
