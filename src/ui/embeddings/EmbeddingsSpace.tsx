import { useEffect, useMemo } from 'react';
import { webglIsSoftware } from '../../plots/scatter/softwareGl';
import type { EmbeddingsSummary } from '../../training/embeddings/protocol';
import { formatMetric } from '../format';
import { useStore } from '../useStore';
import { neighbourRows } from '../views/neighbours';
import { useScatterView } from '../views/useScatterView';
import { useEmbeddings } from './embeddingsContext';

const HEIGHT = 420;
const NEIGHBOURS = 5;

/**
 * The shared space of the embeddings: PCA (computed in the worker) of the drawn pairs, first modality
 * then second, with pair lines and the gap arrow between the two centres. A click selects a pair.
 */
export function EmbeddingsSpace({ summary }: { summary: EmbeddingsSummary }) {
  const e = useEmbeddings();
  const selected = useStore(e.state, (s) => s.selected);
  const { box, host, view } = useScatterView(HEIGHT, webglIsSoftware() ? 'canvas' : 'auto');
  const { drawn, names } = summary;
  const d = summary.dims[0];

  useEffect(() => {
    if (!drawn.xy) return;
    view.current?.setLayout(drawn.xy, drawn.m, performance.now());
    view.current?.setOptions({
      xLabel: 'PC 1',
      yLabel: 'PC 2',
      pairLines: 'auto',
      groupLabels: [names[0], names[1]],
      pairLabel: `${names[0]}–${names[1]} pair`,
      gapLabel: `modality gap ${formatMetric(summary.metrics.gap)} (in ${d}-d)`,
    });
  }, [view, drawn, names, summary.metrics.gap, d]);

  const neighbours = useMemo(
    () => (selected !== null && drawn.xy ? neighbourRows(drawn.a, drawn.b, d, selected, NEIGHBOURS) : []),
    [drawn, d, selected],
  );
  useEffect(() => {
    view.current?.setSelection({ selected, neighbours, hovered: null });
  }, [view, selected, neighbours]);

  if (!drawn.xy) {
    return (
      <p className="notice" data-testid="embeddings-no-space">
        No shared space to draw: {names[0]} is {summary.dims[0]}-d and {names[1]} {summary.dims[1]}-d. CCA and
        CKA compare them all the same.
      </p>
    );
  }
  return (
    <figure className="chart" data-testid="embeddings-space">
      <figcaption>
        Shared space (PCA) of {drawn.m.toLocaleString('en-US')} of {summary.n.toLocaleString('en-US')} pairs
      </figcaption>
      <div
        ref={box}
        className="scatter-box"
        data-testid="embeddings-scatter"
        data-points={2 * drawn.m}
        onClick={(ev) => {
          const el = view.current?.element;
          if (!el) return;
          const r = el.getBoundingClientRect();
          const hit = view.current?.pick(ev.clientX - r.left, ev.clientY - r.top, 8);
          e.selectPair(hit ? hit.pair : null);
        }}
      >
        <div ref={host} className="scatter-host" style={{ height: HEIGHT }} />
      </div>
    </figure>
  );
}
