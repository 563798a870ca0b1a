// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, createElement, useRef } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { plotLayers, usePlotExport } from '../../../src/ui/export/plotRegistry';
import { plotSvg, type PlotId } from '../../../src/ui/export/plotExport';
import { renderLineChart } from '../../../src/plots/lineChart';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const SVG_NS = 'http://www.w3.org/2000/svg';
const roots: Root[] = [];
afterEach(() => {
  act(() => roots.splice(0).forEach((r) => r.unmount()));
  document.body.innerHTML = '';
});

/** jsdom lays nothing out: give `el` the size a browser would. */
function sized<T extends Element>(el: T, width: number, height: number): T {
  el.getBoundingClientRect = () => ({ width, height }) as DOMRect;
  return el;
}

/** A view that registers `id` with a box it builds itself: a canvas under an SVG, plus a caption. */
function StackedView({ id }: { id: PlotId }) {
  const box = useRef<HTMLDivElement>(null);
  usePlotExport(id, () => box.current);
  return createElement(
    'div',
    { ref: (el: HTMLDivElement | null) => void (box.current = el && sized(el, 300, 200)) },
    createElement('canvas', { id: 'points' }),
    createElement('svg', { id: 'axes' }, createElement('svg', { id: 'nested' })),
    createElement('span', null, 'caption'),
  );
}

function mount(element: ReturnType<typeof createElement>): Root {
  const host = document.body.appendChild(document.createElement('div'));
  const root = createRoot(host);
  act(() => root.render(element));
  roots.push(root);
  return root;
}

describe('usePlotExport and plotLayers', () => {
  it("gives a view's own canvas and SVG layers, bottom first, at the box's size, while it is mounted", () => {
    const root = mount(createElement(StackedView, { id: 'heatmap' }));
    const found = plotLayers('heatmap');
    expect(found?.layers.map((l) => l.id)).toEqual(['points', 'axes']);
    expect([found?.width, found?.height]).toEqual([300, 200]);
    expect(plotLayers('scatter')).toBeNull();
    act(() => root.unmount());
    expect(plotLayers('heatmap')).toBeNull();
  });

  it('keeps the newer view when an older one with the same id unmounts', () => {
    const older = mount(createElement(StackedView, { id: 'scatter' }));
    mount(createElement(StackedView, { id: 'scatter' }));
    act(() => older.unmount());
    expect(plotLayers('scatter')?.layers).toHaveLength(2);
  });

  it('reads nothing from a view that has no size yet', () => {
    function Unsized() {
      usePlotExport('chart-gap', () => document.getElementById('bare'));
      return createElement('div', { id: 'bare' }, createElement('canvas'));
    }
    mount(createElement(Unsized));
    expect(plotLayers('chart-gap')).toBeNull();
  });

  it('exports a view that is one SVG as that SVG, with a background', () => {
    const svg = sized(document.body.appendChild(document.createElementNS(SVG_NS, 'svg')), 120, 80);
    const line = { key: 'loss', label: 'loss', x: Float64Array.of(0, 1), y: Float64Array.of(2, 1) };
    renderLineChart(svg, [line], { width: 120, height: 80, xLabel: 'step', yLabel: 'loss' });
    function Chart() {
      usePlotExport('chart-loss', () => svg);
      return null;
    }
    mount(createElement(Chart));
    const doc = new DOMParser().parseFromString(plotSvg('chart-loss'), 'image/svg+xml');
    expect(doc.documentElement.getAttribute('width')).toBe('120');
    expect(doc.documentElement.getAttribute('height')).toBe('80');
    expect(doc.querySelector('rect')?.getAttribute('fill')).toBe('#ffffff');
    expect(doc.querySelectorAll('path').length).toBeGreaterThan(0);
    expect(() => plotSvg('chart-recall')).toThrow('This view is not on the page right now.');
  });
});
