import type { Lesson } from './types';
import { chanceCeiling, fmt, lastPoint } from './measures';

/** Below this many evaluation pairs a Recall@1 moves by more than 0.1 when one query changes its answer. */
export const SMALL_EVAL = 50;

export const ownDataLesson: Lesson = {
  id: 'own-data',
  title: 'Your own pairs',
  summary: 'Drop a folder of images with captions; learn what the numbers mean at your evaluation size.',
  setup: {},
  start: { label: 'Train on these pairs', plan: { kind: 'train' } },
  steps: [
    {
      text:
        'Drop a folder, a few files or a .zip anywhere on the page: images with captions from ' +
        'metadata.jsonl / metadata.csv, a .txt beside each image, or the file names. Nothing leaves this ' +
        'browser. Until you do, the lesson uses the built-in emoji files, which arrive the same way.',
    },
    {
      text:
        'Part of your pairs is kept aside for evaluation: every number on screen is measured on those, ' +
        'never on pairs the model trained on.',
    },
    {
      text:
        'Recall@1 is the share of evaluation images whose first retrieved caption is the right one. With n ' +
        'evaluation pairs, guessing scores about 1/n, and one query more or less moves the score by 1/n: with ' +
        'few pairs, a high number can be luck.',
      formula: String.raw`\text{chance} \approx \tfrac{1}{n}, \qquad \text{luck} \lesssim \tfrac{1}{n} + 3\sqrt{\tfrac{1}{n}\big(1-\tfrac{1}{n}\big)\big/ n}`,
    },
  ],
  checkpoints: [
    {
      id: 'size',
      text: 'How many evaluation pairs there are, and what guessing would score.',
      check(ctx) {
        if (ctx.evalSize <= 0) return null;
        const warning =
          ctx.evalSize < SMALL_EVAL
            ? ` With fewer than ${SMALL_EVAL}, one query changes R@1 by ${fmt(1 / ctx.evalSize)}: treat every number as rough.`
            : '';
        return `${ctx.evalSize} evaluation pairs; guessing scores R@1 ≈ ${fmt(ctx.chanceR1, 3)}.${warning}`;
      },
    },
    {
      id: 'beyondChance',
      text: 'The model retrieves better than luck could explain at this evaluation size.',
      check(ctx) {
        const now = lastPoint(ctx.current);
        if (!now || now.step === 0 || ctx.evalSize <= 0) return null;
        const r1 = Math.max(now.metrics.seen.i2t.r1, now.metrics.seen.t2i.r1);
        const ceiling = chanceCeiling(ctx.chanceR1, ctx.evalSize);
        if (r1 <= ceiling) return null;
        return (
          `Step ${now.step}: R@1 ${fmt(now.metrics.seen.i2t.r1)} (image → caption) and ` +
          `${fmt(now.metrics.seen.t2i.r1)} (caption → image), against ${fmt(ceiling)} that luck reaches ` +
          `once in hundreds of tries on ${ctx.evalSize} pairs.`
        );
      },
    },
  ],
  moment: 'beyondChance',
  momentText:
    'The model has learnt something real about your pairs: its retrieval beats what guessing could reach ' +
    'at this evaluation size. More evaluation pairs would make the number more precise.',
  figure: { kind: 'chance' },
};
