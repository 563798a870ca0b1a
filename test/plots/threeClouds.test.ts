// @vitest-environment jsdom
import { describe, it, expect } from 'vitest';
import { scaleLinear } from 'd3';
import { renderScatterOverlay } from '../../src/plots/scatter/scatterOverlay';
import { DEFAULT_SCATTER_OPTIONS, NO_SELECTION } from '../../src/plots/scatter/scatterTypes';
import { blockCentroids } from '../../src/plots/scatter/centroids';
import { createHitIndex } from '../../src/plots/scatter/hitTest';
import {
  interleavedOrder,
  pairLineIndices,
  pointStyles,
  showPairLinesFor,
  styleMarker,
} from '../../src/plots/scatter/pointStyle';
import { drawPointsCanvas, type Canvas2dLike } from '../../src/plots/scatter/canvasPoints';

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Two items in three modalities: images at (0,0), (2,0); captions at (6,4), (8,4); sounds at (0,8),
 * (2,8). Centroids (1,0), (7,4), (1,8).
 */
const N = 2;
const XY = Float32Array.from([0, 0, 2, 0, 6, 4, 8, 4, 0, 8, 2, 8]);
const THREE = {
  ...DEFAULT_SCATTER_OPTIONS,
  blockStyles: ['image', 'text', 'audio'] as const,
  groupLabels: ['Images', 'Captions', 'Sounds'],
  gapLabels: ['image ↔ caption gap 0.80', 'image ↔ sound gap 0.70', 'caption ↔ sound gap 0.60'],
};

function overlay(selection = NO_SELECTION): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  document.body.appendChild(svg);
  // x: 0..10 → 50..350 px; y: 0..10 → 250..50 px.
  renderScatterOverlay(svg, {
    xy: XY,
    n: N,
    groups: 3,
    width: 400,
    height: 300,
    rect: { x: 50, y: 50, width: 300, height: 200 },
    x: scaleLinear().domain([0, 10]).range([50, 350]),
    y: scaleLinear().domain([0, 10]).range([250, 50]),
    selection,
    options: THREE,
    pointSize: 6,
    pairLines: true,
  });
  return svg;
}

describe('three clouds', () => {
  it('styles each block by its modality: circle, triangle, square; selection keeps the item in every block', () => {
    expect(Array.from(pointStyles(2, { selected: null }, undefined, [0, 1, 2]))).toEqual([0, 0, 2, 2, 4, 4]);
    expect(Array.from(pointStyles(2, { selected: 1 }, undefined, [0, 1, 2]))).toEqual([1, 0, 3, 2, 5, 4]);
    // Image + sound: the second block is drawn as sound (code 4), not as a caption.
    expect(Array.from(pointStyles(2, { selected: null }, undefined, [0, 2]))).toEqual([0, 0, 4, 4]);
    expect([0, 2, 4].map(styleMarker)).toEqual(['circle', 'triangle', 'square']);
  });

  it('interleaves the blocks and joins each item into a triangle of lines', () => {
    expect(Array.from(interleavedOrder(2, 3))).toEqual([0, 2, 4, 1, 3, 5]);
    expect(Array.from(pairLineIndices(2, 3))).toEqual([0, 2, 2, 4, 4, 0, 1, 3, 3, 5, 5, 1]);
    expect(Array.from(pairLineIndices(2, 2))).toEqual([0, 2, 1, 3]);
    // Three lines per item: 'auto' stops at 500 items of three modalities, 1,500 of two.
    expect(showPairLinesFor('auto', 500, 3)).toBe(true);
    expect(showPairLinesFor('auto', 501, 3)).toBe(false);
    expect(showPairLinesFor('auto', 1500, 2)).toBe(true);
  });

  it('finds one centroid per block', () => {
    expect(blockCentroids(XY, N, 3)).toEqual([
      [1, 0],
      [7, 4],
      [1, 8],
    ]);
  });

  it('draws three centroids, one arrow per pair with its label, and a legend naming the three', () => {
    const svg = overlay();
    const lines = Array.from(svg.querySelectorAll('line.gap-line'));
    expect(lines.map((l) => l.getAttribute('class'))).toEqual([
      'gap-line gap-line-image-text',
      'gap-line gap-line-image-audio',
      'gap-line gap-line-text-audio',
    ]);
    // image (1,0) → (80,250); sound (1,8) → (80,90).
    const ia = lines[1];
    expect([
      ia.getAttribute('x1'),
      ia.getAttribute('y1'),
      ia.getAttribute('x2'),
      ia.getAttribute('y2'),
    ]).toEqual(['80', '250', '80', '90']);
    expect(Array.from(svg.querySelectorAll('text.gap-label')).map((t) => t.textContent)).toEqual(
      THREE.gapLabels,
    );
    expect(svg.querySelectorAll('path.centroid')).toHaveLength(3);
    expect(svg.querySelector('path.centroid-audio')!.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+H.*V.*H.*Z$/);
    const legend = Array.from(svg.querySelectorAll('g.legend-entry text')).map((t) => t.textContent);
    expect(legend.slice(0, 3)).toEqual(['Images', 'Captions', 'Sounds']);
  });

  it('rings the selected item in all three modalities and joins them', () => {
    const svg = overlay({ selected: 0, neighbours: [], hovered: null });
    expect(svg.querySelectorAll('path.selected')).toHaveLength(3);
    expect(svg.querySelectorAll('line.pair-link')).toHaveLength(3);
  });

  it('hit-tests a sound point as block 2, modality audio', () => {
    const t = { ax: 10, bx: 0, ay: 10, by: 0 };
    const hit = createHitIndex(XY, N, t, ['image', 'text', 'audio']).find(20, 80, 3);
    expect(hit).toMatchObject({ row: 5, pair: 1, block: 2, modality: 'audio' });
  });

  it('draws sound points as squares on a canvas, and the item triangles as pair lines', () => {
    const calls: string[] = [];
    const ctx = new Proxy(
      {},
      {
        get: (_, key: string) =>
          ['fillStyle', 'strokeStyle', 'lineWidth'].includes(key)
            ? undefined
            : (...args: number[]) => calls.push(`${key}(${args.map((a) => Math.round(a)).join(',')})`),
        set: () => true,
      },
    ) as Canvas2dLike;
    drawPointsCanvas(ctx, {
      xy: XY,
      n: N,
      groups: 3,
      styles: pointStyles(N, { selected: null }, undefined, [0, 1, 2]),
      positionsVersion: 1,
      stylesVersion: 1,
      transform: { ax: 10, bx: 0, ay: 10, by: 0 },
      width: 100,
      height: 100,
      pixelRatio: 1,
      pointSize: 8,
      alpha: 1,
      pairLines: true,
      lineAlpha: 0.5,
    });
    // 6 pair lines (3 per item): moveTo/lineTo before the first stroke.
    const strokeAt = calls.indexOf('stroke()');
    expect(calls.slice(0, strokeAt).filter((c) => c.startsWith('lineTo'))).toHaveLength(6);
    // The sound at (0, 80) is a square of half side 4·√π/2 ≈ 3.54: it starts at (−4, 76) rounded.
    expect(calls).toContain('moveTo(-4,76)');
  });
});

describe('gap labels of three arrows', () => {
  it('moves a label that would print over an earlier one just above it, and leaves apart ones alone', async () => {
    const { separateLabels } = await import('../../src/plots/scatter/gapArrow');
    const a = { x: 0, y: 100, width: 100, height: 15 };
    const b = { x: 50, y: 105, width: 100, height: 15 };
    const c = { x: 300, y: 100, width: 50, height: 15 };
    // b overlaps a: it goes to a.y − 15 − 2 = 83; c stays.
    expect(separateLabels([a, b, c])).toEqual([a, { ...b, y: 83 }, c]);
  });
});
