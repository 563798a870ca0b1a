// @vitest-environment jsdom
import { describe, it, expect } from 'vitest';
import { svgToString } from '../../src/plots/export';
import { renderBarChart } from '../../src/plots/barChart';

describe('svgToString', () => {
  it('makes a standalone SVG document with namespace, size, background and extra layers first', () => {
    const svg = document.body.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'svg'));
    renderBarChart(svg, { values: [0.5] }, { width: 200, height: 100, xLabel: 'x', yLabel: 'y' });
    const text = svgToString(svg, { background: '#ffffff', insertFirst: '<g class="points"/>' });
    expect(text.startsWith('<?xml')).toBe(true);
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(root.getAttribute('width')).toBe('200');
    expect(root.getAttribute('viewBox')).toBe('0 0 200 100');
    expect(root.children[0].tagName).toBe('rect');
    expect(root.children[1].getAttribute('class')).toBe('points');
    // Styles are carried by attributes, so the bar keeps its colour outside the page.
    expect(doc.querySelector('rect.bar')!.getAttribute('fill')).toBe('#009E73');
  });
});
