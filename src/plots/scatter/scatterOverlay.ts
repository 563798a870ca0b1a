import type { ScaleLinear } from 'd3';
import { renderAxes } from '../axes';
import { layer, prepareSvg, type GroupSelection, type PlotRect } from '../frame';
import { renderLegend, type LegendEntry } from '../legend';
import { MODALITY_STYLE, THEME, type Modality } from '../theme';
import { blockCentroids } from './centroids';
import { renderGapArrows, type CentroidMark, type GapArrowMark } from './gapArrow';
import { markerPath } from './markers';
import { pixelTransform } from './scatterScales';
import { renderSelectionMarks } from './selectionMarks';
import type { ScatterOptions, ScatterSelection } from './scatterTypes';

/** One frame of the scatter's SVG layer (everything except the points themselves). */
export interface OverlayFrame {
  /** [groups · n, 2] layout units, as drawn this frame. */
  xy: Float32Array;
  n: number;
  /** Blocks of n rows (default 2). */
  groups?: number;
  width: number;
  height: number;
  rect: PlotRect;
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  selection: ScatterSelection;
  options: ScatterOptions;
  pointSize: number;
  pairLines: boolean;
}

function legendEntries(
  pairLines: boolean,
  showGap: boolean,
  labels: readonly string[],
  pairLabel: string,
  blocks: readonly Modality[],
): LegendEntry[] {
  const marker = (key: Modality, i: number): LegendEntry => ({
    key,
    label: labels[i] ?? MODALITY_STYLE[key].label,
    swatch: (g: GroupSelection) => {
      g.append('path')
        .attr('d', markerPath(MODALITY_STYLE[key].marker, 10, 0, 9))
        .attr('fill', MODALITY_STYLE[key].colour);
    },
  });
  const entries = blocks.map(marker);
  if (pairLines)
    entries.push({
      key: 'pair',
      label: pairLabel,
      swatch: (g) => {
        g.append('line')
          .attr('x1', 2)
          .attr('x2', 18)
          .attr('y1', 0)
          .attr('y2', 0)
          .attr('stroke', THEME.pairLine);
      },
    });
  if (showGap)
    entries.push({
      key: 'gap',
      label: 'centroids and gap',
      swatch: (g) => {
        g.append('line')
          .attr('x1', 1)
          .attr('x2', 14)
          .attr('y1', 0)
          .attr('y2', 0)
          .attr('stroke', THEME.ink)
          .attr('stroke-width', 2);
        g.append('path').attr('d', 'M20,0L12,-4L12,4Z').attr('fill', THEME.ink);
      },
    });
  return entries;
}

/**
 * Draws the axes, legend, modality centroids with the gap arrow, and the selection marks into `svg`.
 * Idempotent: calling it every frame updates the same elements.
 */
export function renderScatterOverlay(svg: SVGSVGElement, frame: OverlayFrame): void {
  const root = layer(prepareSvg(svg, frame.width, frame.height), 'scatter');
  const { rect, x, y, options } = frame;
  renderAxes(layer(root, 'axes'), x, y, rect, {
    xLabel: options.xLabel,
    yLabel: options.yLabel,
    grid: false,
    xFormat: (v) => formatTick(v),
    yFormat: (v) => formatTick(v),
  });
  const t = pixelTransform(x, y);
  const groups = frame.groups ?? 2;
  const blocks = options.blockStyles.slice(0, groups);
  const centroids = options.showGap ? blockCentroids(frame.xy, frame.n, groups) : null;
  const marks: CentroidMark[] = (centroids ?? []).map((c, g) => ({
    key: blocks[g],
    at: [t.ax * c[0] + t.bx, t.ay * c[1] + t.by],
    style: MODALITY_STYLE[blocks[g]],
  }));
  renderGapArrows(root, gapArrowMarks(marks, options), marks);
  renderSelectionMarks(root, frame.xy, frame.n, t, frame.selection, frame.pointSize, blocks);
  // The legend is rebuilt only when what it shows changes, not on every frame of a glide.
  const legend = [frame.pairLines, options.showGap, options.pairLabel, rect.x, rect.width, ...blocks]
    .concat(blocks.map((_, i) => options.groupLabels[i] ?? ''))
    .join('|');
  const node = root.node();
  if (node && legendDrawn.get(node) === legend) return;
  if (node) legendDrawn.set(node, legend);
  renderLegend(
    root,
    legendEntries(frame.pairLines, options.showGap, options.groupLabels, options.pairLabel, blocks),
    rect.x + 6,
    6,
    // Wraps onto more rows in a narrow plot (the canonical-variates panel) instead of running off it.
    { maxWidth: rect.width - 12 },
  );
}

/** What each overlay's legend was last drawn from: its entries, flags and place. */
const legendDrawn = new WeakMap<SVGGElement, string>();

/**
 * One arrow per pair of centroids, in the order (0,1), (0,2), (1,2): labelled `gapLabel` when there are
 * two, `gapLabels[k]` (else the two modalities' names) when there are more.
 */
export function gapArrowMarks(marks: readonly CentroidMark[], options: ScatterOptions): GapArrowMark[] {
  const arrows: GapArrowMark[] = [];
  for (let a = 0; a < marks.length; a++)
    for (let b = a + 1; b < marks.length; b++) {
      const k = arrows.length;
      const label =
        marks.length === 2
          ? options.gapLabel
          : (options.gapLabels[k] ?? `${marks[a].style.label} ↔ ${marks[b].style.label}`);
      arrows.push({ key: `${marks[a].key}-${marks[b].key}`, from: marks[a].at, to: marks[b].at, label });
    }
  return arrows;
}

/** Projection axes have arbitrary units: short ticks, no trailing zeros. */
function formatTick(v: number): string {
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1000 || a < 0.01) return v.toExponential(0);
  return String(Number(v.toPrecision(3)));
}
