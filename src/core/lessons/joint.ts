import type { Lesson, LessonRun } from './types';
import { fmt, lastPoint } from './measures';
import { jointAccuracy } from './extraReaders';

export const JOINT_FUSIONS = ['concat', 'tensor', 'lowrank'] as const;
/** Steps per fusion run: long enough for the fused code to beat either modality alone. */
export const JOINT_STEPS = 300;
/** A fused code must beat the better modality by this much before the lesson calls it a gain. */
const GAIN = 0.02;

function gainOf(run: LessonRun) {
  const a = jointAccuracy(lastPoint(run));
  return a && a.both > a.bestSingle + GAIN ? a : null;
}

export const jointLesson: Lesson = {
  id: 'joint',
  title: 'Fusion: one code from two modalities',
  summary: 'Concatenation, tensor and low-rank fusion side by side, when captions leave attributes out.',
  source: 'Zadeh et al. 2017 (tensor fusion); Liu et al. 2018 (low-rank)',
  setup: { framework: 'joint', captionOmit: 0.5, jointObjective: 'supervised', fusion: 'concat' },
  start: {
    label: 'Train the three fusions',
    plan: {
      kind: 'queue',
      label: 'Fusion operators',
      runs: (base) =>
        JOINT_FUSIONS.map((fusion) => ({
          config: { ...base, fusion, steps: JOINT_STEPS },
          steps: JOINT_STEPS,
        })),
    },
  },
  steps: [
    {
      text:
        'A joint representation fuses both modalities into one code. Here it is trained to tell each ' +
        'pair’s shape, colour, size and position.',
    },
    {
      text:
        'Half of the captions leave one attribute out (“a small circle at the top”), so text alone cannot ' +
        'know everything, and the image may be blurred by noise: the two modalities are complementary.',
    },
    {
      text:
        'Three ways to fuse: concatenation (one layer over both vectors), tensor fusion (every product of an ' +
        'image feature with a caption feature, with a 1 appended so the single-modality terms stay), and ' +
        'its low-rank factorisation, which keeps the products at a fraction of the parameters.',
      formula: String.raw`z = \begin{bmatrix} v \\ 1 \end{bmatrix} \otimes \begin{bmatrix} t \\ 1 \end{bmatrix}`,
    },
    {
      text:
        'For each run the table shows the attribute accuracy read from the fused code, from the image ' +
        'alone and from the caption alone, and the fusion’s parameter count. The missing-modality curve ' +
        'in the joint panel shows what happens as one modality degrades.',
    },
  ],
  checkpoints: [
    {
      id: 'complementary',
      text: 'The fused code knows more than either modality alone.',
      check(ctx) {
        const run = [...ctx.runs, ...(ctx.current ? [ctx.current] : [])].find((r) => gainOf(r));
        const a = run && gainOf(run);
        if (!run || !a) return null;
        return (
          `${run.config.fusion} fusion: ${fmt(a.both)} of attributes right from the fused code, against ` +
          `${fmt(a.imageOnly)} from the image alone and ${fmt(a.textOnly)} from the caption alone.`
        );
      },
    },
    {
      id: 'operators',
      text: 'All three operators trained: compare their accuracy and parameter counts.',
      check(ctx) {
        const done = ctx.runs.filter((r) => r.status === 'finished' && jointAccuracy(lastPoint(r)));
        if (done.length < JOINT_FUSIONS.length) return null;
        return done
          .map((r) => `${r.config.fusion} ${fmt(jointAccuracy(lastPoint(r))?.both ?? NaN)}`)
          .join(', ')
          .concat('.');
      },
    },
  ],
  moment: 'complementary',
  momentText:
    'Each modality misses something — the caption leaves an attribute out, the image can be ambiguous — ' +
    'and the fused code recovers more than the better of the two: that is what fusion is for.',
  figure: {
    kind: 'runs',
    columns: [
      { label: 'fusion', value: (r) => r.config.fusion },
      { label: 'parameters', value: (r) => (r.parameters ? r.parameters.toLocaleString('en') : '–') },
      { label: 'fused', value: (r) => fmt(jointAccuracy(lastPoint(r))?.both ?? NaN) },
      { label: 'image only', value: (r) => fmt(jointAccuracy(lastPoint(r))?.imageOnly ?? NaN) },
      { label: 'caption only', value: (r) => fmt(jointAccuracy(lastPoint(r))?.textOnly ?? NaN) },
    ],
  },
  next: {
    label: 'Try additive fusion',
    text: 'The survey’s shared layer z = f(Σ W_m v_m): as good as concatenation here?',
    patch: { fusion: 'additive' },
  },
};
