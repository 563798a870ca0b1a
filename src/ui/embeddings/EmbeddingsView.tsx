import { useEffect, useState } from 'react';
import { useStore } from '../useStore';
import type { EmbeddingsSummary } from '../../training/embeddings/protocol';
import { formatMetric } from '../format';
import { useEmbeddings } from './embeddingsContext';
import { EmbeddingCards } from './EmbeddingCards';
import { EmbeddingsSpace } from './EmbeddingsSpace';
import { EmbeddingsHeatmap, EmbeddingsRetrieval } from './EmbeddingsRetrieval';
import { EmbeddingsShiftPlot } from './EmbeddingsShiftPlot';

/** The figures below the numbers: space, retrieval, heatmap, shift plot. */
const FIGURES = 4;

/**
 * Embeddings brought back from elsewhere, in place of the run's views while they are open. It says
 * plainly what it shows: the files' embeddings, nothing trained (the run goes on untouched underneath).
 */
export function EmbeddingsView() {
  const e = useEmbeddings();
  const status = useStore(e.state, (s) => s.status);
  const files = useStore(e.state, (s) => s.files);
  const stage = useStore(e.state, (s) => s.stage);
  const error = useStore(e.state, (s) => s.error);
  const summary = useStore(e.state, (s) => s.summary);
  const label = `Embeddings from ${(summary?.sources.map((p) => p.split('/').pop() ?? p) ?? files).join(', ')}, nothing trained`;
  const unavailable = Object.entries(summary?.metrics.unavailable ?? {});
  // The figures mount one per frame after the numbers, so no single task draws them all at once.
  const [progress, setProgress] = useState<{ of: EmbeddingsSummary | null; parts: number }>({
    of: null,
    parts: 0,
  });
  const parts = progress.of === summary ? progress.parts : 0;
  useEffect(() => {
    if (!summary || parts >= FIGURES) return;
    const frame = requestAnimationFrame(() => setProgress({ of: summary, parts: parts + 1 }));
    return () => cancelAnimationFrame(frame);
  }, [summary, parts]);
  return (
    <section
      className="panel embeddings-view"
      aria-labelledby="embeddings-title"
      data-testid="embeddings-view"
      data-status={status}
    >
      <div className="panel-head">
        <h2 id="embeddings-title" data-testid="embeddings-label">
          {label}
        </h2>
        <button type="button" data-testid="embeddings-close" onClick={() => e.close()}>
          Back to the run
        </button>
      </div>
      {status === 'loading' ? (
        <p role="status" data-testid="embeddings-stage">
          Reading and measuring in the background: {stage}…
        </p>
      ) : null}
      {status === 'error' ? (
        <p className="notice notice-error" data-testid="embeddings-error">
          {error}
        </p>
      ) : null}
      {summary ? (
        <>
          <p className="muted" data-testid="embeddings-summary">
            {summary.n.toLocaleString('en-US')} pairs: {summary.names[0]} {summary.dims[0]}-d,{' '}
            {summary.names[1]} {summary.dims[1]}-d. Retrieval and uniformity on{' '}
            {summary.metrics.embeddings.sample.retrieval.toLocaleString('en-US')} evenly spaced pairs, CCA and
            CKA on {summary.metrics.embeddings.sample.correlation.toLocaleString('en-US')}; keys{' '}
            {summary.metrics.embeddings.keys === 'identity'
              ? 'are each pair itself (no key column)'
              : `from the metadata's ${summary.metrics.embeddings.keys} column`}
            . Measured in {formatMetric(summary.ms / 1000, 1)} s.
          </p>
          {summary.notes.map((n) => (
            <p key={n} className="muted">
              {n}
            </p>
          ))}
          <EmbeddingCards summary={summary} />
          {unavailable.length > 0 ? (
            <ul className="muted" data-testid="embeddings-unavailable">
              {unavailable.map(([k, why]) => (
                <li key={k}>
                  {k}: {why}
                </li>
              ))}
            </ul>
          ) : null}
          {parts >= 1 ? <EmbeddingsSpace summary={summary} /> : null}
          {parts >= 2 ? <EmbeddingsRetrieval summary={summary} /> : null}
          {parts >= 3 ? <EmbeddingsHeatmap summary={summary} /> : null}
          {parts >= 4 ? <EmbeddingsShiftPlot summary={summary} /> : null}
        </>
      ) : null}
    </section>
  );
}
