import { shownSnapshot } from '../../state/runState';
import { useController } from '../controllerContext';
import { useStore } from '../useStore';
import { formatMetric } from '../format';

interface CardProps {
  testId: string;
  label: string;
  value: number | undefined;
  first: number | undefined;
  help: string;
  /** Whether a smaller value is better (the arrow colour follows). */
  lowerIsBetter?: boolean;
}

function Card({ testId, label, value, first, help, lowerIsBetter }: CardProps) {
  const change =
    value !== undefined && first !== undefined && Number.isFinite(value) && Number.isFinite(first)
      ? value - first
      : undefined;
  const better = change !== undefined && change !== 0 ? (lowerIsBetter ? change < 0 : change > 0) : undefined;
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
      {change !== undefined ? (
        <div className={`metric-change ${better ? 'better' : 'worse'}`}>
          {change > 0 ? '▲' : change < 0 ? '▼' : '•'} {formatMetric(Math.abs(change))} since step 0
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
  const shown = useStore(c.run, shownSnapshot);
  const first = useStore(c.run, (s) => s.snapshots[0]);
  const m = shown?.metrics;
  const f = first?.metrics;
  return (
    <section
      className="metric-cards"
      aria-label="Gap metrics"
      data-testid="metric-cards"
      data-step={shown?.step ?? ''}
    >
      <Card
        testId="metric-gap"
        label="Modality gap"
        value={m?.gap}
        first={f?.gap}
        lowerIsBetter
        help="‖mean(image) − mean(text)‖ of the L2-normalised embeddings (Liang et al. 2022): distance between the two clouds’ centres."
      />
      <Card
        testId="metric-alignment"
        label="Alignment"
        value={m?.alignment}
        first={f?.alignment}
        lowerIsBetter
        help="E‖x − y‖² over true pairs (Wang & Isola 2020): 0 when every image sits on its caption."
      />
      <Card
        testId="metric-r1"
        label="R@1 image→text"
        value={m?.seen.i2t.r1}
        first={f?.seen.i2t.r1}
        help="Share of seen-split images whose nearest caption means the same thing (shape, colour, size, position)."
      />
      <Card
        testId="metric-r1-heldout"
        label="R@1 held-out"
        value={m?.heldOut.i2t.r1}
        first={f?.heldOut.i2t.r1}
        help="The same for colour×shape combinations never seen in training: compositional generalisation."
      />
      <Card
        testId="metric-pair-cosine"
        label="Pair cosine"
        value={m?.pairCosine}
        first={f?.pairCosine}
        help="Mean cosine similarity of true image–caption pairs."
      />
      <Card
        testId="metric-uniformity"
        label="Uniformity (img)"
        value={m?.uniformityImage}
        first={f?.uniformityImage}
        lowerIsBetter
        help="log E exp(−2‖u − v‖²) over image pairs (Wang & Isola 2020): lower means spread more evenly on the sphere."
      />
    </section>
  );
}
