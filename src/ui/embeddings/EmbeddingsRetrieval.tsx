import { useEffect, useRef } from 'react';
import { renderHeatmap } from '../../plots/heatmap';
import type { EmbeddingsSummary } from '../../training/embeddings/protocol';
import { useElementSize } from '../useElementSize';
import { useStore } from '../useStore';
import { nearestRows } from '../views/neighbours';
import { useEmbeddings } from './embeddingsContext';

const TOP = 5;
const HEATMAP_HEIGHT = 300;

/** Retrieval for the selected pair: the nearest items of the other modality among the drawn pairs. */
export function EmbeddingsRetrieval({ summary }: { summary: EmbeddingsSummary }) {
  const e = useEmbeddings();
  const selected = useStore(e.state, (s) => s.selected);
  const { drawn, names } = summary;
  const d = summary.dims[0];
  if (!drawn.xy) return null;
  const hits =
    selected === null
      ? []
      : nearestRows(drawn.b, d, drawn.a.subarray(selected * d, (selected + 1) * d), TOP).map((j) => ({
          j,
          hit: drawn.keys[j] === drawn.keys[selected],
        }));
  return (
    <section className="panel" aria-label="Retrieval" data-testid="embeddings-retrieval">
      <h3>
        Retrieval: {names[0]} → {names[1]}
      </h3>
      <label>
        Pair{' '}
        <select
          data-testid="embeddings-pair"
          value={selected ?? ''}
          onChange={(ev) => e.selectPair(ev.target.value === '' ? null : Number(ev.target.value))}
        >
          <option value="">(click a point or choose)</option>
          {drawn.captions.slice(0, 200).map((c, i) => (
            <option key={i} value={i}>
              {drawn.rows[i]}: {c}
            </option>
          ))}
        </select>
      </label>
      {selected !== null ? (
        <ol data-testid="embeddings-hits">
          {hits.map(({ j, hit }) => (
            <li key={j} className={hit ? 'hit' : undefined}>
              {drawn.captions[j]} {hit ? '✓' : ''}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

/** Cosine similarities of the first drawn pairs, first modality (rows) × second (columns). */
export function EmbeddingsHeatmap({ summary }: { summary: EmbeddingsSummary }) {
  const box = useRef<HTMLElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const { width } = useElementSize(box);
  const { similarity, similaritySize: k, names } = summary;
  useEffect(() => {
    if (!similarity || !canvas.current || !svg.current || width === 0) return;
    renderHeatmap(
      { canvas: canvas.current, svg: svg.current },
      { values: similarity, rows: k, cols: k },
      { width, height: HEATMAP_HEIGHT, rowTitle: names[0], colTitle: names[1] },
    );
  }, [similarity, k, names, width]);
  if (!similarity) return null;
  return (
    <figure className="chart heatmap" ref={box}>
      <figcaption>
        Cosine similarity, {names[0]} × {names[1]} (true pairs on the diagonal)
      </figcaption>
      <div className="heatmap-stack" style={{ height: HEATMAP_HEIGHT }}>
        <canvas ref={canvas} data-testid="embeddings-heatmap" />
        <svg ref={svg} role="img" aria-label={`Similarity matrix of the first ${k} pairs.`} />
      </div>
    </figure>
  );
}
