import type { AttributeScores } from '../../core/frameworks/encdec/attributeAccuracy';
import type { EncDecEvaluation } from '../../core/frameworks/encdec/evaluate';
import type { LineSeries } from '../../plots/lineChart';
import { OKABE_ITO } from '../../plots/theme';
import type { Snapshot } from '../../training/protocol';

/** The encoder-decoder's evaluation in a snapshot, if it has one. */
export function encdecOf(snapshot: Snapshot | null | undefined): EncDecEvaluation | null {
  return snapshot?.extra.framework === 'encdec' ? snapshot.extra.encdec : null;
}

/** Mean accuracy over the attributes of a score row (NaN for an empty split). */
export function meanAttribute(scores: AttributeScores | undefined): number {
  if (!scores || scores.count === 0) return NaN;
  const values = Object.entries(scores)
    .filter(([k]) => k !== 'all' && k !== 'count')
    .map(([, v]) => v);
  return values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
}

function over(
  snapshots: readonly Snapshot[],
  key: string,
  label: string,
  read: (e: EncDecEvaluation) => number | null | undefined,
  style: Partial<LineSeries>,
): LineSeries {
  const x: number[] = [];
  const y: number[] = [];
  for (const s of snapshots) {
    const e = encdecOf(s);
    if (!e) continue;
    x.push(s.step);
    y.push(read(e) ?? NaN);
  }
  return { key, label, x, y, ...style };
}

/** Perplexity of the caption decoder over training. */
export function perplexitySeries(snapshots: readonly Snapshot[]): LineSeries[] {
  return [over(snapshots, 'ppl', 'perplexity', (e) => e.perplexity, { colour: OKABE_ITO.vermillion })];
}

/**
 * What the generations get right over training, seen vs held-out combinations: attributes read from the
 * generated captions and seen by the judge in the drawn images (each the mean over attributes), and BLEU-4.
 */
export function generationSeries(snapshots: readonly Snapshot[], captions: boolean, images: boolean) {
  const series: LineSeries[] = [];
  const blue = OKABE_ITO.blue;
  const orange = OKABE_ITO.orange;
  if (captions) {
    series.push(
      over(snapshots, 'cap-seen', 'caption, seen', (e) => meanAttribute(e.captionAccuracy?.seen), {
        colour: blue,
      }),
      over(snapshots, 'cap-held', 'caption, held-out', (e) => meanAttribute(e.captionAccuracy?.heldOut), {
        colour: blue,
        dash: 'dashed',
      }),
      over(snapshots, 'bleu4', 'BLEU-4', (e) => e.bleu?.[3], {
        colour: OKABE_ITO.bluishGreen,
        dash: 'dotted',
      }),
    );
  }
  if (images) {
    series.push(
      over(snapshots, 'img-seen', 'drawn image, seen', (e) => meanAttribute(e.imageAccuracy?.seen), {
        colour: orange,
      }),
      over(snapshots, 'img-held', 'drawn image, held-out', (e) => meanAttribute(e.imageAccuracy?.heldOut), {
        colour: orange,
        dash: 'dashed',
      }),
    );
  }
  return series;
}
