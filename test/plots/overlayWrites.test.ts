// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { scaleLinear } from 'd3';
import { renderScatterOverlay, type OverlayFrame } from '../../src/plots/scatter/scatterOverlay';
import { DEFAULT_SCATTER_OPTIONS, NO_SELECTION } from '../../src/plots/scatter/scatterTypes';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Two pairs: images at (0,0) and (2,0), captions at (0,4) and (2,4); the plot spans [0,4]² in 400 px. */
function frame(shift = 0): OverlayFrame {
  return {
    xy: Float32Array.from([0, 0, 2, 0, 0, 4 + shift, 2, 4 + shift]),
    n: 2,
    width: 500,
    height: 400,
    rect: { x: 50, y: 50, width: 400, height: 300 },
    x: scaleLinear().domain([0, 4]).range([50, 450]),
    y: scaleLinear().domain([0, 4]).range([350, 50]),
    selection: NO_SELECTION,
    options: { ...DEFAULT_SCATTER_OPTIONS, gapLabel: 'modality gap 0.5' },
    pointSize: 6,
    pairLines: true,
  };
}

/** Draws `next` over `first` and returns the changes it made to the SVG. */
function changes(first: OverlayFrame, next: OverlayFrame): MutationRecord[] {
  const svg = document.createElementNS(SVG_NS, 'svg');
  document.body.appendChild(svg);
  renderScatterOverlay(svg, first);
  const observer = new MutationObserver(() => {});
  observer.observe(svg, { subtree: true, attributes: true, childList: true, characterData: true });
  renderScatterOverlay(svg, next);
  const records = observer.takeRecords();
  observer.disconnect();
  return records;
}

describe('the scatter overlay redrawn every frame', () => {
  it('writes nothing when nothing moved (axes, legend, gap arrow and labels stay as they are)', () => {
    expect(changes(frame(), frame())).toEqual([]);
  });

  it('moves only the caption centroid, the arrow and its label when the captions move', () => {
    const records = changes(frame(), frame(-1));
    expect(records.every((r) => r.type === 'attributes')).toBe(true);
    const written = new Set(
      records.map((r) => `${(r.target as Element).getAttribute('class')} ${r.attributeName}`),
    );
    // Captions' centroid from y = 4 to 3 (px 50 to 125): the arrow's far end, its head, the caption
    // marker and the label beside the arrow's middle move; the image centroid and all else stay.
    expect([...written].sort()).toEqual(
      [
        'centroid centroid-text d',
        'centroid-halo d',
        'gap-halo y2',
        'gap-head d',
        'gap-line gap-line-image-text y2',
        'gap-label y',
      ].sort(),
    );
  });
});

describe('the similarity heatmap redrawn at each evaluation', () => {
  it('leaves its axes, titles and colour bar alone when only the values change, and redraws a cleared one', async () => {
    const { renderHeatmap } = await import('../../src/plots/heatmap');
    const svg = document.createElementNS(SVG_NS, 'svg');
    document.body.appendChild(svg);
    const target = { canvas: document.createElement('canvas'), svg };
    const size = { width: 300, height: 200 };
    renderHeatmap(target, { values: new Float32Array(9).fill(0.5), rows: 3, cols: 3 }, size);
    const drawn = svg.innerHTML;
    const observer = new MutationObserver(() => {});
    observer.observe(svg, { subtree: true, attributes: true, childList: true, characterData: true });
    renderHeatmap(target, { values: new Float32Array(9).fill(-0.5), rows: 3, cols: 3 }, size);
    expect(observer.takeRecords()).toEqual([]);
    observer.disconnect();
    // A new run clears the picture; its first matrix draws it again in full.
    svg.replaceChildren();
    renderHeatmap(target, { values: new Float32Array(9), rows: 3, cols: 3 }, size);
    expect(svg.innerHTML).toBe(drawn);
    // Another size redraws it.
    renderHeatmap(target, { values: new Float32Array(9), rows: 3, cols: 3 }, { width: 320, height: 200 });
    expect(svg.getAttribute('width')).toBe('320');
  });
});
