import { modalityPairs, pairModalities, type PairKey } from '../../core/data/modalities';
import type { PairMetrics } from '../../core/metrics/pairMetrics';
import type { GapMetrics } from '../../core/metrics/gapMetrics';
import { MODALITY_NOUN, pairName } from '../views/modalityCodes';
import { Card } from './MetricCards';

interface Props {
  shown: { metrics: GapMetrics };
  /** The run's first evaluation, which the changes are measured from. */
  first: { metrics: GapMetrics } | null;
  trained: boolean;
  since: number;
}

/**
 * The gap cards of a run whose modalities are not just image and text: each pair of modalities gets its
 * own gap and retrieval, labelled in words ("image ↔ sound gap", "R@1 sound → caption"). With two
 * modalities there is room for both directions and the held-out split; with three, each pair shows its
 * gap and R@1 from its first modality to its second, so the cards stay one row above the plot.
 */
export function PairMetricCards({ shown, first, trained, since }: Props) {
  const modalities = shown.metrics.modalities ?? ['image', 'text'];
  const keys = modalityPairs(modalities);
  const pair = (s: { metrics: GapMetrics } | null, key: PairKey): PairMetrics | undefined =>
    s?.metrics.pairs?.[key];
  const cards = keys.flatMap((key) => {
    const [a, b] = pairModalities(key);
    const [na, nb] = [MODALITY_NOUN[a].one, MODALITY_NOUN[b].one];
    const now = pair(shown, key);
    const then = pair(first, key);
    const common = { trained, since };
    const list = [
      <Card
        key={`${key}-gap`}
        testId={`metric-gap-${key}`}
        label={`${pairName(key)} gap`}
        value={now?.gap}
        first={then?.gap}
        lowerIsBetter
        help={`‖mean(${na}) − mean(${nb})‖ of the L2-normalised codes: distance between the centres of the ${na} and ${nb} clouds.`}
        {...common}
      />,
      <Card
        key={`${key}-a2b`}
        testId={`metric-r1-${key}`}
        label={`R@1 ${na} → ${nb}`}
        value={now?.seen.a2b.r1}
        first={then?.seen.a2b.r1}
        help={`Share of seen ${MODALITY_NOUN[a].many} whose nearest ${nb} is a right answer (${now?.hitRule ?? 'same meaning'}).`}
        {...common}
      />,
    ];
    if (keys.length === 1)
      list.push(
        <Card
          key={`${key}-b2a`}
          testId={`metric-r1-${key}-b2a`}
          label={`R@1 ${nb} → ${na}`}
          value={now?.seen.b2a.r1}
          first={then?.seen.b2a.r1}
          help={`Share of seen ${MODALITY_NOUN[b].many} whose nearest ${na} is a right answer (${now?.hitRule ?? 'same meaning'}).`}
          {...common}
        />,
        <Card
          key={`${key}-held`}
          testId={`metric-r1-${key}-heldout`}
          label="R@1 held-out"
          value={now?.heldOut.a2b.r1}
          first={then?.heldOut.a2b.r1}
          help="The same for combinations never seen in training: compositional generalisation."
          {...common}
        />,
        <Card
          key={`${key}-alignment`}
          testId={`metric-alignment-${key}`}
          label="Alignment"
          value={now?.alignment}
          first={then?.alignment}
          lowerIsBetter
          help={`E‖x − y‖² over an item's ${na} and ${nb} codes: 0 when each sits on the other.`}
          {...common}
        />,
      );
    return list;
  });
  return <>{cards}</>;
}
