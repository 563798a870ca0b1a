import { useEffect, useMemo, useState } from 'react';
import { webglIsSoftware } from '../../plots/scatter/softwareGl';
import type { ProjectionMethod } from '../../core/projection/projector';
import type { Snapshot } from '../../training/protocol';
import { shownSnapshot } from '../../state/runState';
import { useController } from '../controllerContext';
import { usePlotExport } from '../export/plotRegistry';
import { useStore } from '../useStore';
import { formatMetric } from '../format';
import { neighbourRows } from './neighbours';
import { Timeline } from './Timeline';
import { CODE_PAIRS, type CodePair } from './codePairs';
import { ScatterTooltip } from './ScatterTooltip';
import { useScatterView } from './useScatterView';
import { useWindowHeight } from '../useWindowHeight';
import { useSharedLayout } from './useSharedLayout';
import { withLiveCodes } from '../../training/liveCodes';
import { LayoutStatus } from './LayoutStatus';
import '../sound/sound.css';
import type { Modality } from '../../core/data/modalities';
import { MODALITY_STYLE } from '../../plots/theme';
import {
  MODALITY_NOUN,
  modalityCodes,
  pairGapLabels,
  pairName,
  pairGap,
  snapshotModalities,
  snapshotSize,
} from './modalityCodes';

const IMAGE_TEXT: Modality[] = ['image', 'text'];
const MARKER_GLYPH = { circle: '●', triangle: '▲', square: '■' } as const;

/**
 * The plot fits the first screen under the header, the metric cards and its own title (about 330 px
 * at 1024×768 or 1280×720), within these bounds.
 */
const MIN_HEIGHT = 260;
const MAX_HEIGHT = 560;
const ABOVE_AND_BELOW = 330;
const NEIGHBOURS = 5;

/**
 * The shared space: a 2-D projection (UMAP or PCA, computed in a worker) of the evaluation set's image
 * and caption codes for the snapshot shown, gliding from layout to layout as training goes on.
 * Hover shows the thumbnail and caption; a click selects the pair and highlights its neighbours.
 * Only the shown run's points are ever drawn: a new run clears the plot until its own layout is ready.
 */
export function SharedSpaceView() {
  const c = useController();
  const runId = useStore(c.run, (s) => s.runId);
  const shown = useStore(c.run, shownSnapshot);
  // Between evaluations the points follow the codes the worker embeds while training (the live run only).
  const live = useStore(c.run, (s) => (s.scrub === null ? (s.live ?? null) : null));
  const laid = useMemo(() => withLiveCodes(shown, live), [shown, live]);
  const info = useStore(c.run, (s) => s.info);
  const selected = useStore(c.selection, (s) => s.selected);
  const hovered = useStore(c.selection, (s) => s.hovered);
  const [method, setMethod] = useState<ProjectionMethod>('umap');
  const [pairLines, setPairLines] = useState(true);
  const [codePair, setCodePair] = useState<CodePair>('image-text');
  const hasFused = Boolean(shown?.fused);
  const shownPair: CodePair = hasFused ? codePair : 'image-text';
  const windowHeight = useWindowHeight();
  const height = Math.round(Math.max(MIN_HEIGHT, Math.min(MAX_HEIGHT, windowHeight - ABOVE_AND_BELOW)));
  const { box, host, view } = useScatterView(height, webglIsSoftware() ? 'canvas' : 'auto');
  usePlotExport('scatter', () => view.current?.element);
  const layout = useSharedLayout(view, runId, laid, method, shownPair);
  const { points } = layout;
  // The blocks drawn: every modality of the run, or the two codes a fused comparison shows.
  const blocksKey = shown && shownPair === 'image-text' ? snapshotModalities(shown).join() : 'image,text';

  const neighbours = useMemo(
    () => selectedNeighbours(laid, selected, blocksKey),
    [laid, selected, blocksKey],
  );
  const n = shown ? snapshotSize(shown) : 0;
  const modalities = blocksKey.split(',') as Modality[];
  useEffect(() => {
    const block = hovered ? blocksKey.split(',').indexOf(hovered.modality) : -1;
    const hoveredRow = hovered && block >= 0 ? block * n + hovered.pair : null;
    view.current?.setSelection({ selected, neighbours, hovered: hoveredRow });
  }, [view, selected, neighbours, hovered, n, blocksKey]);

  // The points follow training between evaluations: a gap figure of an earlier step says its step.
  const metricsAt = shown && layout.step !== null && layout.step !== shown.step ? shown.step : null;
  const labels = scatterLabels(shown, shownPair, modalities, metricsAt);
  // A UMAP fit from scratch first shows its PCA start: its axes are principal components.
  const pcaPreview = layout.computing?.quick === true && !layout.computing.progress;
  const axis = method === 'umap' && !pcaPreview ? 'UMAP' : 'PC';
  useEffect(() => {
    view.current?.setOptions({
      xLabel: `${axis} 1`,
      yLabel: `${axis} 2`,
      pairLines: pairLines ? 'auto' : false,
      ...scatterLabels(shown, shownPair, blocksKey.split(',') as Modality[], metricsAt),
    });
  }, [view, axis, pairLines, shown, shownPair, blocksKey, metricsAt]);

  const locate = (e: React.PointerEvent | React.MouseEvent) => {
    const el = view.current?.element;
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return view.current?.pick(e.clientX - r.left, e.clientY - r.top, 8) ?? null;
  };

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
                    {k === 'image-text' && shown && snapshotModalities(shown).length > 2
                      ? 'image, caption, sound, each alone'
                      : CODE_PAIRS[k].label}
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
            {Number.isFinite(layout.layoutMs) ? `layout ${Math.round(layout.layoutMs)} ms` : ''}
          </span>
        </div>
      </div>
      <p className="legend-line" data-testid="legend-line">
        {legendKeys(modalities, labels.groupLabels)}
        {modalities.length > 2
          ? '— thin lines join the three codes of one item; each arrow joins the centres of two clouds, one arrow per pair of modalities. Click a point to select its item.'
          : '— a thin line joins the two codes of each pair; the arrow joins the centres of the two clouds. Click a point to select its pair.'}
      </p>
      <div
        ref={box}
        className="scatter-box"
        data-testid="scatter"
        data-points={points}
        tabIndex={0}
        role="application"
        aria-label={`Scatter of ${points} points: ${modalities.map((m) => MODALITY_NOUN[m].many).join(', ')} in the shared space. Arrow keys select the next or previous pair; Escape clears.`}
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
        <div ref={host} className="scatter-host" style={{ height }} />
        {layout.computing && !layout.computing.quick ? (
          <div className="layout-computing" role="status" data-testid="layout-computing">
            Computing the layout…
            {layout.computing.progress !== null ? (
              <progress max={1} value={layout.computing.progress} aria-label="Layout progress" />
            ) : null}
          </div>
        ) : null}
        {hovered && info ? <ScatterTooltip info={info} hovered={hovered} /> : null}
      </div>
      <LayoutStatus layout={layout} method={method} metricsStep={shown?.step ?? null} />
      {layout.error ? <p className="notice notice-error">Projection failed: {layout.error}</p> : null}
      <Timeline />
    </section>
  );
}

/**
 * Legend names, line and arrow labels of the scatter for the blocks drawn; `metricsAt`, the step of the
 * gap figures when the points are of a later one.
 */
function scatterLabels(
  shown: Snapshot | null,
  codes: CodePair,
  modalities: Modality[],
  metricsAt: number | null = null,
) {
  const imageText = modalities.join() === 'image,text';
  const at = metricsAt === null ? '' : ` at step ${metricsAt.toLocaleString('en-US')}`;
  if (codes !== 'image-text' || imageText)
    return {
      blockStyles: IMAGE_TEXT,
      groupLabels: CODE_PAIRS[codes].groups,
      pairLabel: CODE_PAIRS[codes].pairLabel,
      gapLabel:
        shown && codes === 'image-text'
          ? `modality gap ${formatMetric(shown.metrics.gap)}${at} (in ${shown.dim}-d)`
          : 'centroid gap',
      gapLabels: [],
    };
  const nouns = modalities.map((m) => MODALITY_NOUN[m]);
  const key = `${modalities[0]}-${modalities[1]}` as const;
  return {
    blockStyles: modalities,
    groupLabels: nouns.map((w) => w.cap),
    pairLabel:
      modalities.length === 2
        ? `${nouns[0].one}–${nouns[1].one} pair`
        : `one item's ${nouns.map((w) => w.one).join(', ')}`,
    gapLabel: shown
      ? `${pairName(key)} gap ${formatMetric(pairGap(shown, key))}${at} (in ${shown.dim}-d)`
      : 'centroid gap',
    gapLabels: shown ? pairGapLabels(shown, modalities) : [],
  };
}

/** "● images ▲ captions ■ sounds": the legend line's keys. */
function legendKeys(modalities: readonly Modality[], names: readonly string[]) {
  return modalities.map((m, i) => (
    <span key={m} className={`key-${m}`}>
      {MARKER_GLYPH[MODALITY_STYLE[m].marker]} {names[i]?.toLowerCase()}{' '}
    </span>
  ));
}

/** The nearest codes of the second modality drawn to the selected item's code in the first (layout rows). */
function selectedNeighbours(shown: Snapshot | null, selected: number | null, blocksKey: string): number[] {
  if (!shown || selected === null) return [];
  const [a, b] = blocksKey.split(',') as Modality[];
  const first = modalityCodes(shown, a);
  const second = modalityCodes(shown, b);
  return first && second ? neighbourRows(first, second, shown.dim, selected, NEIGHBOURS) : [];
}
