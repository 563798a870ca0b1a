import { useEffect, useMemo, useRef } from 'react';
import type { LineSeries } from '../../plots/lineChart';
import { renderHeatmap } from '../../plots/heatmap';
import { OKABE_ITO } from '../../plots/theme';
import type { RunPoint } from '../../state/runs';
import { shownSnapshot } from '../../state/runState';
import { useController } from '../controllerContext';
import { useStore } from '../useStore';
import { useElementSize } from '../useElementSize';
import { usePlotExport } from '../export/plotRegistry';
import { LineFigure } from '../frameworks/LineFigure';
import { lossNote } from './lossNote';
import { measuredModalities, modalityUniformitySeries, pairGapSeries, pairRecallSeries } from './pairCharts';
import { MODALITY_NOUN, modalityCodes, snapshotModalities } from './modalityCodes';
import { similarityBlock } from '../../training/snapshotData';
import type { PlotId } from '../export/plotExport';

const CHART_HEIGHT = 190;
/** Recall's range, one array so the chart's options keep their identity between renders. */
const UNIT: [number, number] = [0, 1];

/** One metric read off every evaluation, as a series over steps. */
function series(
  snapshots: readonly RunPoint[],
  key: string,
  label: string,
  read: (s: RunPoint) => number,
  style: Partial<LineSeries> = {},
): LineSeries {
  return {
    key,
    label,
    x: Float64Array.from(snapshots, (s) => s.step),
    y: Float64Array.from(snapshots, (s) => read(s)),
    ...style,
  };
}

interface ChartProps {
  title: string;
  testId: PlotId;
  make: (points: readonly RunPoint[]) => LineSeries[];
  yLabel: string;
  yDomain?: [number, number];
  /** Describes the chart for screen readers (the values are in the metric cards and CSV export). */
  description: string;
  /** A line under the chart on how to read it, if any. */
  note?: string | null;
}

/** One chart of the run's curves, restored history first; a picture export under its test id. */
function LineChartPanel({ title, testId, make, yLabel, yDomain, description, note }: ChartProps) {
  const c = useController();
  const snapshots = useStore(c.run, (s) => s.snapshots);
  // A restored run's curves start before the reload.
  const earlier = useStore(c.run, (s) => s.earlier);
  const data = useMemo(() => make([...earlier, ...snapshots]), [make, earlier, snapshots]);
  const options = useMemo(
    () => ({ xLabel: 'step', yLabel, ...(yDomain ? { yDomain } : {}) }),
    [yLabel, yDomain],
  );
  return (
    <LineFigure
      title={title}
      series={data}
      options={options}
      height={CHART_HEIGHT}
      testId={testId}
      exportAs={testId}
      description={description}
      note={note ?? null}
    />
  );
}

const BLUE = OKABE_ITO.blue;
const ORANGE = OKABE_ITO.orange;
const GREEN = OKABE_ITO.bluishGreen;
const VERMILLION = OKABE_ITO.vermillion;

const lossSeries = (s: readonly RunPoint[]) => [
  series(s, 'loss', 'training loss', (x) => x.loss, { colour: VERMILLION }),
];
// With sound (or any pair but image–text) each chart draws every pair of the run's modalities.
const gapSeries = (s: readonly RunPoint[]) => {
  const modalities = measuredModalities(s);
  return modalities ? pairGapSeries(s, modalities) : imageTextGapSeries(s);
};
const uniformitySeries = (s: readonly RunPoint[]) => {
  const modalities = measuredModalities(s);
  return modalities ? modalityUniformitySeries(s, modalities) : imageTextUniformitySeries(s);
};
const recallSeries = (s: readonly RunPoint[]) => {
  const modalities = measuredModalities(s);
  return modalities ? pairRecallSeries(s, modalities) : imageTextRecallSeries(s);
};
const imageTextGapSeries = (s: readonly RunPoint[]) => [
  series(s, 'gap', 'modality gap', (x) => x.metrics.gap, { colour: GREEN }),
  series(s, 'alignment', 'alignment', (x) => x.metrics.alignment, { colour: BLUE, dash: 'dashed' }),
];
const imageTextUniformitySeries = (s: readonly RunPoint[]) => [
  series(s, 'uimg', 'uniformity, images', (x) => x.metrics.uniformityImage, { colour: BLUE }),
  series(s, 'utxt', 'uniformity, captions', (x) => x.metrics.uniformityText, {
    colour: ORANGE,
    dash: 'dashed',
  }),
];
const imageTextRecallSeries = (s: readonly RunPoint[]) => [
  series(s, 'i2t-seen', 'image→text, seen', (x) => x.metrics.seen.i2t.r1, { colour: BLUE }),
  series(s, 'i2t-held', 'image→text, held-out', (x) => x.metrics.heldOut.i2t.r1, {
    colour: BLUE,
    dash: 'dashed',
  }),
  series(s, 't2i-seen', 'text→image, seen', (x) => x.metrics.seen.t2i.r1, { colour: ORANGE }),
  series(s, 't2i-held', 'text→image, held-out', (x) => x.metrics.heldOut.t2i.r1, {
    colour: ORANGE,
    dash: 'dotted',
  }),
];

/** Loss, gap, alignment, uniformity and Recall@1 over the run, and the similarity matrix of a batch. */
export function Charts() {
  const c = useController();
  const note = useStore(c.run, (s) => lossNote(s.config));
  return (
    <section className="panel charts" aria-label="Metrics over training">
      <h2>Over training</h2>
      <LineChartPanel
        title="Loss"
        testId="chart-loss"
        make={lossSeries}
        yLabel="loss"
        description="the training objective, falling as the model learns."
        note={note}
      />
      <LineChartPanel
        title="Modality gap and alignment"
        testId="chart-gap"
        make={gapSeries}
        yLabel="distance"
        description="distance between the modality centroids, and mean squared distance of true pairs."
      />
      <LineChartPanel
        title="Recall@1, seen vs held-out"
        testId="chart-recall"
        make={recallSeries}
        yLabel="R@1"
        yDomain={UNIT}
        description="share of queries whose nearest item from the other modality means the same thing."
      />
      <LineChartPanel
        title="Uniformity"
        testId="chart-uniformity"
        make={uniformitySeries}
        yLabel="log E exp(−2d²)"
        description="how evenly each modality spreads over the sphere; lower is more uniform."
      />
      <SimilarityHeatmap />
    </section>
  );
}

function SimilarityHeatmap() {
  const c = useController();
  const shown = useStore(c.run, shownSnapshot);
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const { width } = useElementSize(box);
  const height = Math.min(width, 320);
  // The canvas of cells and the SVG of labels stack in one box.
  usePlotExport('heatmap', () => canvas.current?.parentElement);
  // The run's first pair: image × caption, or image × sound, caption × sound without image or caption.
  const [rows, cols] = shown ? snapshotModalities(shown) : (['image', 'text'] as const);
  useEffect(() => {
    if (!canvas.current || !svg.current || width === 0) return;
    if (!shown) {
      // A new run before its first evaluation: no cells of the previous run's matrix stay drawn.
      canvas.current.getContext('2d')?.clearRect(0, 0, canvas.current.width, canvas.current.height);
      svg.current.replaceChildren();
      return;
    }
    const k = shown.similaritySize;
    const a = modalityCodes(shown, rows);
    const b = modalityCodes(shown, cols);
    // The worker's block is images × captions; another pair's is computed here from the shown codes
    // (their first k rows are the same evaluation items: k² · dim products, a few thousand).
    const values =
      rows === 'image' && cols === 'text'
        ? shown.similarity
        : a && b && a.length >= k * shown.dim && b.length >= k * shown.dim
          ? similarityBlock(a, b, shown.dim, k)
          : null;
    if (!values) return;
    renderHeatmap(
      { canvas: canvas.current, svg: svg.current },
      { values, rows: k, cols: k },
      { width, height, rowTitle: MODALITY_NOUN[rows].one, colTitle: MODALITY_NOUN[cols].one },
    );
  }, [shown, width, height, rows, cols]);
  return (
    <figure className="chart heatmap" ref={box}>
      <figcaption>
        Cosine similarity, {MODALITY_NOUN[rows].many} × {MODALITY_NOUN[cols].many} (true pairs on the
        diagonal)
      </figcaption>
      <div className="heatmap-stack" style={{ height }}>
        <canvas ref={canvas} data-testid="heatmap" />
        <svg
          ref={svg}
          role="img"
          aria-label={`Similarity matrix of the first evaluation items, ${MODALITY_NOUN[rows].many} × ${MODALITY_NOUN[cols].many}: the diagonal should become the brightest cells as pairs align.`}
        />
      </div>
    </figure>
  );
}
