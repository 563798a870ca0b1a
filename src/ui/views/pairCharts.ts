/**
 * The "Over training" curves of a run with sound (or of any pair other than image–text): one curve per
 * pair of the run's modalities, labelled by the pair, so no chart shows image–text numbers under a sound
 * run's name. Read from each evaluation's `metrics.pairs` / `metrics.uniformity`; a run of images and
 * captions (or one saved before sound existed) has none, and its charts stay as they were.
 */
import { modalityPairs, pairModalities, type Modality, type PairKey } from '../../core/data/modalities';
import type { LineSeries } from '../../plots/lineChart';
import { OKABE_ITO } from '../../plots/theme';
import type { RunPoint } from '../../state/runs';
import { MODALITY_NOUN } from './modalityCodes';

/** One colour per pair, the same in every chart. */
const PAIR_COLOUR: Record<PairKey, string> = {
  'image-text': OKABE_ITO.bluishGreen,
  'image-audio': OKABE_ITO.blue,
  'text-audio': OKABE_ITO.vermillion,
} as Record<PairKey, string>;
/** One colour per modality (the scatter's). */
const MODALITY_COLOUR: Record<Modality, string> = {
  image: OKABE_ITO.blue,
  text: OKABE_ITO.orange,
  audio: OKABE_ITO.reddishPurple,
};

/**
 * The run's modalities when its evaluations measure pairs (any list but image,text), read off its
 * latest point; null for a run of images and captions, whose charts keep their image–text curves.
 */
export function measuredModalities(points: readonly RunPoint[]): Modality[] | null {
  const last = points[points.length - 1];
  const list = last?.metrics.modalities;
  return last?.metrics.pairs && list && list.length >= 2 ? list : null;
}

/** 'image ↔ sound' */
export function pairLabel(key: PairKey): string {
  const [a, b] = pairModalities(key);
  return `${MODALITY_NOUN[a].one} ↔ ${MODALITY_NOUN[b].one}`;
}

function line(
  points: readonly RunPoint[],
  key: string,
  label: string,
  read: (p: RunPoint) => number | undefined,
  style: Partial<LineSeries>,
): LineSeries {
  return {
    key,
    label,
    x: Float64Array.from(points, (p) => p.step),
    // A point without the pair (it cannot happen within one run) draws as a break, not as 0.
    y: Float64Array.from(points, (p) => read(p) ?? NaN),
    ...style,
  };
}

/** The gap (solid) and alignment (dashed) of every pair. */
export function pairGapSeries(points: readonly RunPoint[], modalities: readonly Modality[]): LineSeries[] {
  return modalityPairs(modalities).flatMap((key) => [
    line(points, `gap-${key}`, `gap, ${pairLabel(key)}`, (p) => p.metrics.pairs?.[key]?.gap, {
      colour: PAIR_COLOUR[key],
    }),
    line(
      points,
      `alignment-${key}`,
      `alignment, ${pairLabel(key)}`,
      (p) => p.metrics.pairs?.[key]?.alignment,
      {
        colour: PAIR_COLOUR[key],
        dash: 'dashed',
      },
    ),
  ]);
}

/**
 * Recall@1 of every pair: seen queries in each direction (a → b solid, b → a dashed) and held-out
 * queries, the mean of both directions (dotted), so three modalities draw nine lines, not twelve.
 */
export function pairRecallSeries(points: readonly RunPoint[], modalities: readonly Modality[]): LineSeries[] {
  return modalityPairs(modalities).flatMap((key) => {
    const [a, b] = pairModalities(key).map((m) => MODALITY_NOUN[m].one);
    const pair = (p: RunPoint) => p.metrics.pairs?.[key];
    const colour = PAIR_COLOUR[key];
    return [
      line(points, `a2b-${key}`, `${a}→${b}, seen`, (p) => pair(p)?.seen.a2b.r1, { colour }),
      line(points, `b2a-${key}`, `${b}→${a}, seen`, (p) => pair(p)?.seen.b2a.r1, { colour, dash: 'dashed' }),
      line(
        points,
        `held-${key}`,
        `${pairLabel(key)}, held-out (both ways)`,
        (p) => {
          const h = pair(p)?.heldOut;
          return h && h.count > 0 ? (h.a2b.r1 + h.b2a.r1) / 2 : undefined;
        },
        { colour, dash: 'dotted' },
      ),
    ];
  });
}

/** The uniformity of each modality. */
export function modalityUniformitySeries(
  points: readonly RunPoint[],
  modalities: readonly Modality[],
): LineSeries[] {
  return modalities.map((m, i) =>
    line(points, `u-${m}`, `uniformity, ${MODALITY_NOUN[m].many}`, (p) => p.metrics.uniformity?.[m], {
      colour: MODALITY_COLOUR[m],
      ...(i > 0 ? { dash: i === 1 ? 'dashed' : 'dotted' } : {}),
    }),
  );
}
