import type { Lesson, LessonPoint, LessonRun } from './types';
import { fmt, lastPoint } from './measures';

/** Steps of the lesson's run: long enough for the three-way code to pull ahead of every pair. */
export const COMPLEMENTARY_STEPS = 400;
/** The three-way code must beat the best pair by this much before the lesson calls it a gain. */
const GAIN = 0.02;
const ALL = 'image+text+audio';
const PAIRS = ['image+text', 'image+audio', 'text+audio'] as const;

/**
 * Joint: attribute accuracy from the code fused from all three modalities, and from the best pair
 * (which one, and its accuracy). Null without the per-subset report (two modalities, another framework).
 */
export function threeWayAccuracy(
  p: LessonPoint | null,
): { all: number; bestPair: number; bestPairKey: string; bySubset: Record<string, number> } | null {
  if (p?.extra.framework !== 'joint') return null;
  const bySubset = p.extra.joint.accuracyBySubset;
  const all = bySubset?.[ALL];
  if (!bySubset || typeof all !== 'number' || !Number.isFinite(all)) return null;
  let bestPair = -Infinity;
  let bestPairKey = '';
  for (const key of PAIRS) {
    const v = bySubset[key];
    if (typeof v === 'number' && Number.isFinite(v) && v > bestPair) [bestPair, bestPairKey] = [v, key];
  }
  return bestPairKey ? { all, bestPair, bestPairKey, bySubset } : null;
}

function gainOf(run: LessonRun) {
  const a = threeWayAccuracy(lastPoint(run));
  return a && a.all > a.bestPair + GAIN ? a : null;
}

/** 'image+audio' → 'image and sound'. */
const subsetWords = (key: string): string =>
  key
    .split('+')
    .map((m) => (m === 'audio' ? 'sound' : m === 'text' ? 'caption' : m))
    .join(' and ');

export const complementaryLesson: Lesson = {
  id: 'complementary',
  title: 'Three modalities that complete each other',
  summary: 'Image, caption and sound each miss something; fused, all three know more than any two.',
  source: 'Zadeh et al. 2017 (tensor fusion of language, visual and acoustic vectors)',
  setup: {
    framework: 'joint',
    modalities: 'image,text,audio',
    // Every pair misses something only the third has (see ShapeCaptionsOptions): grey pictures lack
    // colour, a quarter of the sounds lack it too and none has position, every caption leaves one
    // attribute out.
    greyscale: true,
    pitchless: 0.25,
    captionOmit: 1,
    jointObjective: 'supervised',
    fusion: 'lowrank',
    steps: COMPLEMENTARY_STEPS,
  },
  start: { label: 'Train the three-way fusion', plan: { kind: 'train' } },
  steps: [
    {
      text:
        'Every scene now has three modalities: its picture, its caption and a short sound. The sound ' +
        'tells the shape by its timbre, the colour by its pitch and the size by its length, but not ' +
        'where the shape is. Select a point and press Play to hear it.',
    },
    {
      text:
        'Here the pictures are grey, so they show no colour; a quarter of the sounds play one steady ' +
        'pitch, so they do not tell the colour either; and every caption leaves one attribute out. So each ' +
        'modality, and even each pair, misses something that another one has: the modalities are ' +
        'complementary.',
    },
    {
      text:
        'Joint fusion turns all three vectors into one code. Tensor fusion takes every product of the ' +
        'three vectors, each with a 1 appended; the low-rank form used here gets the same products with ' +
        'far fewer weights (see “How it works”).',
      formula: String.raw`z = W \cdot \operatorname{vec}\!\left(\begin{bmatrix} z_l \\ 1 \end{bmatrix} \otimes \begin{bmatrix} z_v \\ 1 \end{bmatrix} \otimes \begin{bmatrix} z_a \\ 1 \end{bmatrix}\right) + b`,
    },
    {
      text:
        'The model is trained with one or two modalities dropped at random, so it can also read a code ' +
        'from a single modality or from a pair. Watch the accuracy from all three against the best pair.',
    },
  ],
  checkpoints: [
    {
      id: 'pairs-measured',
      text: 'Each pair of modalities gets its own accuracy.',
      check(ctx) {
        const a = threeWayAccuracy(lastPoint(ctx.current));
        if (!a) return null;
        return PAIRS.filter((k) => k in a.bySubset)
          .map((k) => `${subsetWords(k)} ${fmt(a.bySubset[k])}`)
          .join(', ')
          .concat('.');
      },
    },
    {
      id: 'three-beat-pairs',
      text: 'All three together know more than the best pair.',
      check(ctx) {
        const run = [...(ctx.current ? [ctx.current] : []), ...ctx.runs].find((r) => gainOf(r));
        const a = run && gainOf(run);
        if (!run || !a) return null;
        return (
          `${fmt(a.all)} of attributes right from image, caption and sound together, against ` +
          `${fmt(a.bestPair)} from the best pair (${subsetWords(a.bestPairKey)}).`
        );
      },
    },
  ],
  moment: 'three-beat-pairs',
  momentText:
    'No pair of modalities has everything: the grey picture has no colour, and where the caption leaves ' +
    'the colour out only the sound’s pitch still carries it; where it leaves the position out, only the ' +
    'picture says where the shape is. The fused code of all three ' +
    'recovers what each pair misses: that is complementary information, and it is why fusion pays.',
  figure: { kind: 'none' },
  next: {
    label: 'Try full tensor fusion',
    text: 'The survey’s three-way outer product: same accuracy, how many more weights?',
    patch: { fusion: 'tensor' },
  },
};
