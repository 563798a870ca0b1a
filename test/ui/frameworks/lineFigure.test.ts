// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { LineFigure } from '../../../src/ui/frameworks/LineFigure';
import { plotLayers } from '../../../src/ui/export/plotRegistry';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const WIDTH = 240;

beforeAll(() => {
  // jsdom lays nothing out: every observed element reports the width a column would give it.
  globalThis.ResizeObserver = class {
    constructor(private readonly report: ResizeObserverCallback) {}
    observe(el: Element) {
      const entry = { target: el, contentRect: { width: WIDTH, height: 0 } } as ResizeObserverEntry;
      this.report([entry], this);
    }
    unobserve() {}
    disconnect() {}
  };
});

const roots: Root[] = [];
afterEach(() => {
  act(() => roots.splice(0).forEach((r) => r.unmount()));
  document.body.innerHTML = '';
});

const line = { key: 'loss', label: 'loss', x: Float64Array.of(0, 10), y: Float64Array.of(2, 1) };
const options = { xLabel: 'step', yLabel: 'loss' };

function mount(props: Partial<Parameters<typeof LineFigure>[0]>): Root {
  const root = createRoot(document.body.appendChild(document.createElement('div')));
  const all = {
    title: 'Loss',
    series: [line],
    options,
    testId: 'chart-loss',
    description: 'falls.',
    ...props,
  };
  act(() => root.render(createElement(LineFigure, all)));
  roots.push(root);
  return root;
}

const svg = () => document.querySelector<SVGSVGElement>('[data-testid="chart-loss"]');

describe('LineFigure', () => {
  it('draws its series at the width of its column, titled and described', () => {
    mount({ height: 190 });
    expect(svg()?.getAttribute('width')).toBe(String(WIDTH));
    expect(svg()?.getAttribute('height')).toBe('190');
    expect(svg()?.getAttribute('aria-label')).toBe('Loss: falls.');
    expect(svg()?.getAttribute('data-series')).toBe('1');
    expect(document.querySelector('figcaption')?.textContent).toBe('Loss');
  });

  it('is a saved picture under exportAs while mounted, and under no id without it', () => {
    const root = mount({ exportAs: 'chart-loss' });
    const drawn = svg();
    if (drawn) drawn.getBoundingClientRect = () => ({ width: WIDTH, height: 170 }) as DOMRect;
    expect(plotLayers('chart-loss')?.layers).toEqual([svg()]);
    act(() => root.unmount());
    expect(plotLayers('chart-loss')).toBeNull();
    mount({});
    expect(plotLayers('chart-loss')).toBeNull();
  });

  it('shows a note under the chart only when there is one', () => {
    mount({ note: 'Deep CCA’s loss is negative.' });
    expect(document.querySelector('[data-testid="chart-loss-note"]')?.textContent).toBe(
      'Deep CCA’s loss is negative.',
    );
    act(() => roots.splice(0).forEach((r) => r.unmount()));
    mount({ note: null });
    expect(document.querySelector('[data-testid="chart-loss-note"]')).toBeNull();
  });
});
