// @vitest-environment jsdom
import { describe, it, expect } from 'vitest';
import { scaleLinear } from 'd3';
import { renderScatterOverlay } from '../../src/plots/scatter/scatterOverlay';
import { createScatterView } from '../../src/plots/scatter/scatterView';
import { DEFAULT_SCATTER_OPTIONS, NO_SELECTION } from '../../src/plots/scatter/scatterTypes';
import type { PointFrame, PointRenderer } from '../../src/plots/scatter/pointRenderer';
import { modalityCentroids } from '../../src/plots/scatter/centroids';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Two images at (0,0) and (2,0); their captions at (6,4) and (8,4). Centroids (1,0) and (7,4). */
const N = 2;
const XY = Float32Array.from([0, 0, 2, 0, 6, 4, 8, 4]);

function overlay(selection = NO_SELECTION, options = DEFAULT_SCATTER_OPTIONS): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  document.body.appendChild(svg);
  // x: 0..10 → 50..350 px; y: 0..10 → 250..50 px (up is up).
  const x = scaleLinear().domain([0, 10]).range([50, 350]);
  const y = scaleLinear().domain([0, 10]).range([250, 50]);
  renderScatterOverlay(svg, {
    xy: XY,
    n: N,
    width: 400,
    height: 300,
    rect: { x: 50, y: 50, width: 300, height: 200 },
    x,
    y,
    selection,
    options,
    pointSize: 6,
    pairLines: true,
  });
  return svg;
}

describe('scatter overlay (SVG)', () => {
  it('draws the gap arrow from the image centroid to the caption centroid, in pixels', () => {
    const svg = overlay();
    const line = svg.querySelector('line.gap-line')!;
    // Image centroid (1, 0) → (80, 250); caption centroid (7, 4) → (260, 170).
    expect(Number(line.getAttribute('x1'))).toBeCloseTo(80);
    expect(Number(line.getAttribute('y1'))).toBeCloseTo(250);
    expect(Number(line.getAttribute('x2'))).toBeCloseTo(260);
    expect(Number(line.getAttribute('y2'))).toBeCloseTo(170);
    expect(svg.querySelector('path.gap-head')).not.toBeNull();
    expect(svg.querySelector('text.gap-label')!.textContent).toBe('modality gap');
    // One centroid marker per modality, of the modality's own shape: a circle arc, a closed triangle.
    expect(svg.querySelector('path.centroid-image')!.getAttribute('d')).toMatch(/^M[\d.]+,250a/);
    expect(svg.querySelector('path.centroid-text')!.getAttribute('d')).toMatch(/^M260,[\d.]+L.*Z$/);
  });

  it('has axes with ticks, axis titles, and a legend naming both modalities', () => {
    const svg = overlay(NO_SELECTION, { ...DEFAULT_SCATTER_OPTIONS, xLabel: 'UMAP 1', yLabel: 'UMAP 2' });
    expect(svg.querySelectorAll('g.x-axis .tick').length).toBeGreaterThanOrEqual(3);
    expect(svg.querySelectorAll('g.y-axis .tick').length).toBeGreaterThanOrEqual(3);
    expect(svg.querySelector('g.x-label text')!.textContent).toBe('UMAP 1');
    expect(svg.querySelector('g.y-label text')!.textContent).toBe('UMAP 2');
    const entries = Array.from(svg.querySelectorAll('g.legend-entry'));
    expect(entries.map((e) => e.getAttribute('data-key'))).toEqual(['image', 'text', 'pair', 'gap']);
    expect(entries.map((e) => e.querySelector('text')!.textContent)).toEqual([
      'Images',
      'Captions',
      'image–caption pair',
      'centroids and gap',
    ]);
    // The legend swatches differ in shape and colour, not colour alone.
    const [img, txt] = entries.map((e) => e.querySelector('path'));
    expect(img!.getAttribute('fill')).toBe('#0072B2');
    expect(txt!.getAttribute('fill')).toBe('#E69F00');
    expect(img!.getAttribute('d')).toContain('a');
    expect(txt!.getAttribute('d')).toMatch(/L.*L.*Z/);
  });

  it('marks the selected pair, its neighbours and the hovered point', () => {
    const svg = overlay({ selected: 1, neighbours: [2, 3], hovered: 0 });
    expect(svg.querySelectorAll('circle.selected-ring')).toHaveLength(2);
    const link = svg.querySelector('line.pair-link')!;
    // Pair 1: image (2,0) → (110, 250), caption (8,4) → (290, 170).
    expect(
      [
        link.getAttribute('x1'),
        link.getAttribute('y1'),
        link.getAttribute('x2'),
        link.getAttribute('y2'),
      ].map(Number),
    ).toEqual([110, 250, 290, 170]);
    // Row 3 is the selected pair's own caption, so only row 2 is drawn as a neighbour.
    expect(svg.querySelectorAll('path.neighbour')).toHaveLength(1);
    expect(Number(svg.querySelector('circle.hovered')!.getAttribute('cx'))).toBe(50);
  });

  it('re-rendering updates elements in place instead of adding more', () => {
    const svg = overlay();
    const count = svg.querySelectorAll('*').length;
    const x = scaleLinear().domain([0, 10]).range([50, 350]);
    const y = scaleLinear().domain([0, 10]).range([250, 50]);
    const frame = {
      xy: XY,
      n: N,
      width: 400,
      height: 300,
      rect: { x: 50, y: 50, width: 300, height: 200 },
      x,
      y,
    };
    renderScatterOverlay(svg, {
      ...frame,
      selection: NO_SELECTION,
      options: DEFAULT_SCATTER_OPTIONS,
      pointSize: 6,
      pairLines: true,
    });
    expect(svg.querySelectorAll('*').length).toBe(count);
  });
});

describe('scatter view', () => {
  function recordingView() {
    const frames: PointFrame[] = [];
    const renderer: PointRenderer = {
      kind: 'canvas',
      draw: (f) => frames.push({ ...f, xy: f.xy.slice() }),
      destroy() {},
    };
    const view = createScatterView(document.body, { renderer: () => renderer, transitionMs: 300 });
    view.resize(400, 300, 1);
    return { view, frames };
  }

  it('glides from one layout to the next and settles', () => {
    const { view, frames } = recordingView();
    view.setLayout(XY, N, 0);
    expect(view.frame(0)).toBe(false);
    view.setLayout(
      XY.map((v) => v + 1),
      N,
      1000,
    );
    expect(view.frame(1150)).toBe(true); // half way
    const mid = frames.at(-1)!.xy;
    expect(mid[0]).toBeGreaterThan(0);
    expect(mid[0]).toBeLessThan(1);
    expect(view.frame(1300)).toBe(false);
    expect(Array.from(frames.at(-1)!.xy)).toEqual(Array.from(XY.map((v) => v + 1)));
    expect(view.frame(1400)).toBe(false); // nothing changed: no redraw
  });

  it('puts the arrow on the centroids as drawn, and picks the point under the pointer', () => {
    const { view, frames } = recordingView();
    view.setLayout(XY, N, 0);
    view.frame(1000);
    const t = frames.at(-1)!.transform;
    const c = modalityCentroids(XY, N)!;
    const line = view.element.querySelector('line.gap-line')!;
    expect(Number(line.getAttribute('x1'))).toBeCloseTo(t.ax * c.image[0] + t.bx, 6);
    expect(Number(line.getAttribute('y2'))).toBeCloseTo(t.ay * c.text[1] + t.by, 6);
    // The caption of pair 0 sits at layout (6, 4).
    const hit = view.pick(t.ax * 6 + t.bx + 2, t.ay * 4 + t.by - 1, 5);
    expect(hit).toMatchObject({ row: 2, pair: 0, modality: 'text' });
    expect(view.pick(5, 5, 3)).toBeNull();
    view.destroy();
  });

  it('fades everything but the selection', () => {
    const { view, frames } = recordingView();
    view.setLayout(XY, N, 0);
    view.setSelection({ selected: 0, neighbours: [], hovered: null });
    view.frame(10);
    expect(Array.from(frames.at(-1)!.styles)).toEqual([0, 1, 2, 3]);
  });

  it('clears at once, and the next layout appears where it is instead of gliding from the old one', () => {
    const { view, frames } = recordingView();
    view.setLayout(XY, N, 0);
    view.frame(1000);
    view.clear();
    view.frame(1010);
    expect(frames.at(-1)!.n).toBe(0);
    expect(view.element.querySelector('line.gap-line')).toBeNull();
    expect(view.pick(200, 150, 500)).toBeNull();
    const next = XY.map((v) => v * 3);
    view.setLayout(next, N, 2000);
    expect(view.frame(2000)).toBe(false); // nothing to glide from
    expect(Array.from(frames.at(-1)!.xy)).toEqual(Array.from(next));
  });
});
