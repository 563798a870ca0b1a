import type { GapMetrics } from '../../core/metrics/gapMetrics';
import { useController } from '../controllerContext';
import { useStore } from '../useStore';
import { formatMetric } from '../format';
import { cardSnapshots, metricChange } from './metricChange';
import { PairMetricCards } from './PairMetricCards';

interface CardProps {
  testId: string;
  label: string;
  value: number | undefined;
  first: number | undefined;
  help: string;
  /** Whether the shown evaluation comes after training began (else no change is shown). */
  trained: boolean;
  /** The step of the run's first evaluation, which the change is measured from. */
  since: number;
  /** Whether a smaller value is better (the arrow colour follows). */
  lowerIsBetter?: boolean;
}

export function Card({ testId, label, value, first, trained, since, help, lowerIsBetter }: CardProps) {
  const change = metricChange(value, first, trained, lowerIsBetter);
  return (
    <div className="metric-card" title={help}>
      <div className="metric-label">{label}</div>
      {/* The element holds the value as plain text; data-value keeps full precision for tests and export. */}
      <div
        className="metric-value"
        data-testid={testId}
        data-value={value !== undefined && Number.isFinite(value) ? value : ''}
      >
        {formatMetric(value)}
      </div>
      {change ? (
        <div className={`metric-change ${change.tone}`} data-testid={`${testId}-change`}>
          {change.arrow} {formatMetric(change.amount)} since step {since}
        </div>
      ) : (
        <div className="metric-change">&nbsp;</div>
      )}
    </div>
  );
}

/** The numbers that say how far apart the modalities are, for the snapshot shown. */
export function MetricCards() {
  const c = useController();
  const shown = useStore(c.run, (s) => cardSnapshots(s).shown);
  const first = useStore(c.run, (s) => cardSnapshots(s).first);
  const m = shown?.metrics;
  const f = first?.metrics;
  const trained = shown !== null && first !== null && shown.step > first.step;
  const since = first?.step ?? 0;
  return (
    <section
      className="metric-cards"
      aria-label="Gap metrics"
      data-testid="metric-cards"
      data-step={shown?.step ?? ''}
    >
      {shown && m?.pairs && m.modalities?.join() !== 'image,text' ? (
        <PairMetricCards shown={shown} first={first} trained={trained} since={since} />
      ) : (
        <ImageTextCards m={m} f={f} trained={trained} since={since} />
      )}
    </section>
  );
}

/** The cards of a run of images and captions. */
function ImageTextCards({
  m,
  f,
  trained,
  since,
}: {
  m: GapMetrics | undefined;
  f: GapMetrics | undefined;
  trained: boolean;
  since: number;
}) {
  return (
    <>
      <Card
        testId="metric-gap"
        label="Modality gap"
        value={m?.gap}
        trained={trained}
        since={since}
        first={f?.gap}
        lowerIsBetter
        help="‖mean(image) − mean(text)‖ of the L2-normalised embeddings (Liang et al. 2022): distance between the two clouds’ centres."
      />
      <Card
        testId="metric-alignment"
        label="Alignment"
        value={m?.alignment}
        trained={trained}
        since={since}
        first={f?.alignment}
        lowerIsBetter
        help="E‖x − y‖² over true pairs (Wang & Isola 2020): 0 when every image sits on its caption."
      />
      <Card
        testId="metric-r1"
        label="R@1 image→text"
        value={m?.seen.i2t.r1}
        trained={trained}
        since={since}
        first={f?.seen.i2t.r1}
        help="Share of seen-split images whose nearest caption means the same thing (shape, colour, size, position)."
      />
      <Card
        testId="metric-r1-heldout"
        label="R@1 held-out"
        value={m?.heldOut.i2t.r1}
        trained={trained}
        since={since}
        first={f?.heldOut.i2t.r1}
        help="The same for colour×shape combinations never seen in training: compositional generalisation."
      />
      <Card
        testId="metric-pair-cosine"
        label="Pair cosine"
        value={m?.pairCosine}
        trained={trained}
        since={since}
        first={f?.pairCosine}
        help="Mean cosine similarity of true image–caption pairs."
      />
      <Card
        testId="metric-uniformity"
        label="Uniformity (img)"
        value={m?.uniformityImage}
        trained={trained}
        since={since}
        first={f?.uniformityImage}
        lowerIsBetter
        help="log E exp(−2‖u − v‖²) over image pairs (Wang & Isola 2020): lower means spread more evenly on the sphere."
      />
    </>
  );
}
