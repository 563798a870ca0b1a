import type { EmbeddingsSummary } from '../../training/embeddings/protocol';
import { formatMetric } from '../format';

interface CardProps {
  testId: string;
  label: string;
  value: number | undefined;
  help: string;
}

function Card({ testId, label, value, help }: CardProps) {
  return (
    <div className="metric-card" title={help}>
      <div className="metric-label">{label}</div>
      {/* data-value keeps full precision for tests and export. */}
      <div
        className="metric-value"
        data-testid={testId}
        data-value={value !== undefined && Number.isFinite(value) ? value : ''}
      >
        {formatMetric(value)}
      </div>
    </div>
  );
}

/** The numbers a trained run's cards show, for the embeddings as they are (no change: nothing trained). */
export function EmbeddingCards({ summary }: { summary: EmbeddingsSummary }) {
  const m = summary.metrics;
  const [a, b] = summary.names;
  const rho = 'correlations' in m.cca ? m.cca.correlations[0] : undefined;
  return (
    <section className="metric-cards" aria-label="Metrics of the embeddings" data-testid="embeddings-cards">
      <Card
        testId="emb-gap"
        label="Modality gap"
        value={m.gap}
        help="‖mean(a) − mean(b)‖ of the L2-normalised embeddings (Liang et al. 2022), over every pair."
      />
      <Card
        testId="emb-alignment"
        label="Alignment"
        value={m.alignment}
        help="E‖x − y‖² over true pairs (Wang & Isola 2020)."
      />
      <Card
        testId="emb-pair-cosine"
        label="Pair cosine"
        value={m.pairCosine}
        help="Mean cosine of true pairs."
      />
      <Card
        testId="emb-r1-ab"
        label={`R@1 ${a}→${b}`}
        value={m.seen.i2t.r1}
        help={`Share of ${a} queries whose nearest ${b} has the same key (on ${m.embeddings.sample.retrieval} pairs).`}
      />
      <Card
        testId="emb-r1-ba"
        label={`R@1 ${b}→${a}`}
        value={m.seen.t2i.r1}
        help={`Share of ${b} queries whose nearest ${a} has the same key.`}
      />
      <Card
        testId="emb-cone-a"
        label={`Cone (${a})`}
        value={m.coneImage}
        help="Mean cosine between two different items of one modality: near 1 in a narrow cone."
      />
      <Card
        testId="emb-cone-b"
        label={`Cone (${b})`}
        value={m.coneText}
        help="Mean cosine between two different items of one modality."
      />
      <Card
        testId="emb-uniformity-a"
        label={`Uniformity (${a})`}
        value={m.uniformityImage}
        help="log E exp(−2‖u − v‖²) (Wang & Isola 2020): lower is more uniform."
      />
      <Card
        testId="emb-uniformity-b"
        label={`Uniformity (${b})`}
        value={m.uniformityText}
        help="log E exp(−2‖u − v‖²): lower is more uniform."
      />
      <Card
        testId="emb-cka"
        label="Linear CKA"
        value={m.cka}
        help="Kornblith et al. 2019: 1 when one modality's geometry is the other's rotated; works across widths."
      />
      <Card
        testId="emb-cca"
        label="CCA ρ₁"
        value={rho}
        help="The largest linear canonical correlation of the two modalities; works across widths."
      />
    </section>
  );
}
