// @vitest-environment jsdom
/**
 * prepareSvg writes only the attributes that change: a plot redrawn every frame leaves its root alone
 * (each write would invalidate the styles of the whole plot).
 */
import { describe, expect, it, vi } from 'vitest';
import { prepareSvg } from '../../src/plots/frame';

const newSvg = () => document.createElementNS('http://www.w3.org/2000/svg', 'svg');

describe('prepareSvg', () => {
  it('sizes the svg and sets the shared type on first use', () => {
    const svg = newSvg();
    prepareSvg(svg, 300, 200);
    expect(svg.getAttribute('width')).toBe('300');
    expect(svg.getAttribute('height')).toBe('200');
    expect(svg.getAttribute('viewBox')).toBe('0 0 300 200');
    expect(svg.getAttribute('font-size')).toBe('12');
    expect(svg.getAttributeNS('http://www.w3.org/2000/xmlns/', 'xmlns')).toBe('http://www.w3.org/2000/svg');
  });

  it('writes nothing when redrawn at the same size, and only the size when it changes', () => {
    const svg = newSvg();
    prepareSvg(svg, 300, 200);
    const set = vi.spyOn(svg, 'setAttribute');
    const setNS = vi.spyOn(svg, 'setAttributeNS');
    prepareSvg(svg, 300, 200);
    expect(set).not.toHaveBeenCalled();
    expect(setNS).not.toHaveBeenCalled();
    prepareSvg(svg, 320, 200);
    expect(set.mock.calls.map(([name, value]) => `${name}=${value}`)).toEqual([
      'width=320',
      'viewBox=0 0 320 200',
    ]);
  });
});
