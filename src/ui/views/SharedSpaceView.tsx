import { useEffect, useMemo, useRef, useState } from 'react';
import { createScatterView, type ScatterView } from '../../plots/scatter/scatterView';
import { webglIsSoftware } from '../../plots/scatter/softwareGl';
import {
  createProjectionClient,
  ProjectionSuperseded,
  type ProjectionClient,
} from '../../training/projection/projectionClient';
import type { ProjectionMethod } from '../../core/projection/projector';
import { shownSnapshot } from '../../state/runState';
import { useController } from '../controllerContext';
import { useStore } from '../useStore';
import { useElementSize } from '../useElementSize';
import { formatMetric } from '../format';
import { Thumbnail } from './Thumbnail';
import { neighbourRows } from './neighbours';
import { Timeline } from './Timeline';
import type { Snapshot } from '../../training/protocol';

const HEIGHT = 520;
const NEIGHBOURS = 5;

/**
 * Which two sets of codes the scatter compares. A joint model has three per pair: the image alone, the
 * caption alone (fused with the other modality absent) and the full pair fused.
 */
type CodePair = 'image-text' | 'image-fused' | 'text-fused';
const CODE_PAIRS: Record<CodePair, { label: string; groups: [string, string]; pairLabel: string }> = {
  'image-text': {
    label: 'image only ↔ caption only',
    groups: ['Images', 'Captions'],
    pairLabel: 'image–caption pair',
  },
  'image-fused': {
    label: 'image only ↔ full pair',
    groups: ['Image only', 'Full pair (fused)'],
    pairLabel: 'same pair',
  },
  'text-fused': {
    label: 'caption only ↔ full pair',
    groups: ['Caption only', 'Full pair (fused)'],
    pairLabel: 'same pair',
  },
};

/** The two [n, d] blocks the scatter projects for the chosen comparison. */
function codeBlocks(s: Snapshot, which: CodePair): [Float32Array, Float32Array] {
  if (which === 'image-fused' && s.fused) return [s.image, s.fused];
  if (which === 'text-fused' && s.fused) return [s.text, s.fused];
  return [s.image, s.text];
}

/**
 * The shared space: a 2-D projection (UMAP or PCA, computed in a worker) of the evaluation set's image
 * and caption codes for the snapshot shown, gliding from layout to layout as training goes on.
 * Hover shows the thumbnail and caption; a click selects the pair and highlights its neighbours.
 */
export function SharedSpaceView() {
  const c = useController();
  const shown = useStore(c.run, shownSnapshot);
  const info = useStore(c.run, (s) => s.info);
  const selected = useStore(c.selection, (s) => s.selected);
  const hovered = useStore(c.selection, (s) => s.hovered);
  const [method, setMethod] = useState<ProjectionMethod>('umap');
  const [pairLines, setPairLines] = useState(true);
  const [codePair, setCodePair] = useState<CodePair>('image-text');
  const hasFused = Boolean(shown?.fused);
  const shownPair: CodePair = hasFused ? codePair : 'image-text';
  const [layoutMs, setLayoutMs] = useState<number>(NaN);
  const [projectionError, setProjectionError] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<ScatterView | null>(null);
  const client = useRef<ProjectionClient | null>(null);
  const laidOut = useRef<{ method: ProjectionMethod; n: number; codes: CodePair } | null>(null);
  const [points, setPoints] = useState(0);
  const { width } = useElementSize(box);

  // The scatter and the projection worker live as long as the component.
  useEffect(() => {
    if (!host.current) return;
    let raf = 0;
    const schedule = () => {
      if (raf) return;
      raf = requestAnimationFrame(function tick(now) {
        raf = 0;
        if (view.current?.frame(now)) raf = requestAnimationFrame(tick);
      });
    };
    view.current = createScatterView(host.current, {
      onInvalidate: schedule,
      xLabel: 'UMAP 1',
      yLabel: 'UMAP 2',
      renderer: webglIsSoftware() ? 'canvas' : 'auto',
    });
    client.current = createProjectionClient();
    return () => {
      cancelAnimationFrame(raf);
      view.current?.destroy();
      client.current?.dispose();
      view.current = null;
      client.current = null;
      laidOut.current = null;
    };
  }, []);

  useEffect(() => {
    if (width > 0) view.current?.resize(width, HEIGHT);
  }, [width]);

  // Project each snapshot shown; stale requests are superseded in the client.
  useEffect(() => {
    const projector = client.current;
    if (!shown || !projector) return;
    const n = shown.image.length / shown.dim;
    const [first, second] = codeBlocks(shown, shownPair);
    const data = new Float32Array(2 * n * shown.dim);
    data.set(first, 0);
    data.set(second, n * shown.dim);
    const warm =
      laidOut.current?.method === method && laidOut.current.n === n && laidOut.current.codes === shownPair;
    projector.project(method, data, n, shown.dim, warm).then(
      (xy) => {
        laidOut.current = { method, n, codes: shownPair };
        view.current?.setLayout(xy, n, performance.now());
        setPoints(2 * n);
        setLayoutMs(projector.lastMs);
        setProjectionError(null);
      },
      (e: unknown) => {
        if (!(e instanceof ProjectionSuperseded))
          setProjectionError(e instanceof Error ? e.message : String(e));
      },
    );
  }, [shown, method, shownPair]);

  const neighbours = useMemo(
    () =>
      shown && selected !== null
        ? neighbourRows(shown.image, shown.text, shown.dim, selected, NEIGHBOURS)
        : [],
    [shown, selected],
  );
  const n = shown ? shown.image.length / shown.dim : 0;
  useEffect(() => {
    const hoveredRow = hovered ? (hovered.modality === 'image' ? hovered.pair : n + hovered.pair) : null;
    view.current?.setSelection({ selected, neighbours, hovered: hoveredRow });
  }, [selected, neighbours, hovered, n]);

  const axis = method === 'umap' ? 'UMAP' : 'PC';
  useEffect(() => {
    view.current?.setOptions({
      xLabel: `${axis} 1`,
      yLabel: `${axis} 2`,
      pairLines: pairLines ? 'auto' : false,
      groupLabels: CODE_PAIRS[shownPair].groups,
      pairLabel: CODE_PAIRS[shownPair].pairLabel,
      gapLabel:
        shown && shownPair === 'image-text'
          ? `modality gap ${formatMetric(shown.metrics.gap)} (in ${shown.dim}-d)`
          : 'centroid gap',
    });
  }, [axis, pairLines, shown, shownPair]);

  const locate = (e: React.PointerEvent | React.MouseEvent) => {
    const el = view.current?.element;
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return view.current?.pick(e.clientX - r.left, e.clientY - r.top, 8) ?? null;
  };

  const hoverInfo =
    hovered && info
      ? {
          pair: hovered.pair,
          caption: info.evalSet.captions[hovered.pair] ?? '',
          heldOut: info.evalSet.heldOut[hovered.pair] === 1,
        }
      : null;

  return (
    <section className="panel shared-space" aria-labelledby="space-title">
      <div className="panel-head">
        <h2 id="space-title">Shared space</h2>
        <div className="view-options" role="group" aria-label="View options">
          <label>
            Projection{' '}
            <select
              data-testid="projection-method"
              value={method}
              onChange={(e) => setMethod(e.target.value as ProjectionMethod)}
            >
              <option value="umap">UMAP</option>
              <option value="pca">PCA</option>
            </select>
          </label>
          {hasFused ? (
            <label>
              Codes{' '}
              <select
                data-testid="code-pair"
                value={codePair}
                onChange={(e) => setCodePair(e.target.value as CodePair)}
              >
                {(Object.keys(CODE_PAIRS) as CodePair[]).map((k) => (
                  <option key={k} value={k}>
                    {CODE_PAIRS[k].label}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label>
            <input type="checkbox" checked={pairLines} onChange={(e) => setPairLines(e.target.checked)} />{' '}
            pair lines
          </label>
          <span className="layout-time" title="Time the projection worker took for the last layout">
            {Number.isFinite(layoutMs) ? `layout ${Math.round(layoutMs)} ms` : ''}
          </span>
        </div>
      </div>
      <p className="legend-line">
        <span className="key-image">● {CODE_PAIRS[shownPair].groups[0].toLowerCase()}</span>{' '}
        <span className="key-text">▲ {CODE_PAIRS[shownPair].groups[1].toLowerCase()}</span> — a thin line
        joins the two codes of each pair; the arrow joins the centres of the two clouds. Click a point to
        select its pair.
      </p>
      <div
        ref={box}
        className="scatter-box"
        data-testid="scatter"
        data-points={points}
        tabIndex={0}
        role="application"
        aria-label={`Scatter of ${points} points: images and captions in the shared space. Arrow keys select the next or previous pair; Escape clears.`}
        onPointerMove={(e) => {
          const hit = locate(e);
          const cur = c.selection.getState().hovered;
          if (hit?.pair !== cur?.pair || hit?.modality !== cur?.modality)
            c.hoverPoint(hit ? { pair: hit.pair, modality: hit.modality } : null);
        }}
        onPointerLeave={() => c.hoverPoint(null)}
        onClick={(e) => {
          const hit = locate(e);
          c.selectPair(hit ? hit.pair : null);
        }}
        onKeyDown={(e) => {
          if (n === 0) return;
          if (e.key === 'ArrowRight' || e.key === 'ArrowDown') c.selectPair(((selected ?? -1) + 1) % n);
          else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') c.selectPair(((selected ?? 0) - 1 + n) % n);
          else if (e.key === 'Escape') c.selectPair(null);
          else return;
          e.preventDefault();
        }}
      >
        <div ref={host} className="scatter-host" style={{ height: HEIGHT }} />
        {hoverInfo && info ? (
          <div className="scatter-tooltip" role="tooltip">
            <Thumbnail
              images={info.evalSet.images}
              index={hoverInfo.pair}
              scale={3}
              label={hoverInfo.caption}
            />
            <div>
              <div className="tooltip-modality">
                {hovered?.modality === 'image' ? '● image' : '▲ caption'} of pair {hoverInfo.pair}
              </div>
              <q>{hoverInfo.caption}</q>
              {hoverInfo.heldOut ? <div className="tooltip-heldout">held-out combination</div> : null}
            </div>
          </div>
        ) : null}
      </div>
      {projectionError ? <p className="notice notice-error">Projection failed: {projectionError}</p> : null}
      <Timeline />
    </section>
  );
}
