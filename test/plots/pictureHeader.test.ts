// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compositePng, svgWithHeader } from '../../src/plots/export';
import { estimateWidth, layoutHeader } from '../../src/plots/pictureHeader';
import { pictureHeader } from '../../src/ui/export/pictureCaption';
import { defaultConfig } from '../../src/core/experiment/config';
import type { GapMetrics, SplitMetrics } from '../../src/core/metrics/gapMetrics';

/** 7 px per character, whatever the size: easy widths to count by hand. */
const sevenPx = (text: string) => text.length * 7;

const split = (count: number, i2t: number, t2i: number): SplitMetrics => ({
  count,
  gap: 0,
  alignment: 0,
  pairCosine: 0,
  i2t: { r1: i2t, r5: 1, r10: 1, medianRank: 1 },
  t2i: { r1: t2i, r5: 1, r10: 1, medianRank: 1 },
});
const metrics: GapMetrics = {
  gap: 0.0912,
  alignment: 0.1834,
  pairCosine: 0.9,
  uniformityImage: -2,
  uniformityText: -2,
  coneImage: 0.1,
  coneText: 0.1,
  seen: split(400, 0.92, 0.955),
  heldOut: split(112, 0.91, 0.9),
};

describe('the heading of an exported picture', () => {
  it('names the view, the data, the objective in words, the step and the metric values', () => {
    const header = pictureHeader('Shared space (scatter)', {
      datasetName: 'ShapeCaptions',
      config: defaultConfig(),
      snapshot: { step: 350, metrics },
    });
    expect(header.title).toBe('Shared space (scatter) · ShapeCaptions');
    expect(header.facts).toEqual([
      'Coordinated, by similarity, InfoNCE (CLIP)',
      'step 350',
      'R@1 image → caption 0.920',
      'caption → image 0.955',
      'held-out R@1 0.910',
      'gap 0.091',
      'alignment 0.183',
    ]);
  });

  it('wraps facts between separators to the picture width', () => {
    // 200 px wide, 10 px padding each side: 180 px = 25 characters a line.
    const layout = layoutHeader(
      { title: 'Loss chart', facts: ['step 350', 'gap 0.091', 'alignment 0.183'] },
      200,
      sevenPx,
    );
    expect(layout.rows.map((r) => r.text)).toEqual(['Loss chart', 'step 350 · gap 0.091', 'alignment 0.183']);
    expect(layout.rows[0].bold).toBe(true);
    // Baselines: 10 + 15 = 25; + 5 + 12 = 42; + 5 + 12 = 59; band = 59 + 10 = 69.
    expect(layout.rows.map((r) => r.y)).toEqual([25, 42, 59]);
    expect(layout.height).toBe(69);
  });

  it('cuts a title too long for the picture with an ellipsis', () => {
    const layout = layoutHeader({ title: 'x'.repeat(100), facts: [] }, 100, sevenPx);
    expect(layout.rows[0].text.endsWith('…')).toBe(true);
    expect(sevenPx(layout.rows[0].text)).toBeLessThanOrEqual(80);
  });
});

describe('pictures carry their heading', () => {
  afterEach(() => vi.restoreAllMocks());

  it('draws the title, step and metric values above the plot in the PNG', async () => {
    const texts: string[] = [];
    let translated = 0;
    const ctx = {
      font: '',
      fillStyle: '',
      scale: () => {},
      translate: (_x: number, y: number) => (translated = y),
      fillRect: () => {},
      fillText: (t: string) => texts.push(t),
      measureText: (t: string) => ({ width: sevenPx(t) }),
      drawImage: () => {},
    };
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(ctx as never);
    let size = [0, 0];
    vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation(function (
      this: HTMLCanvasElement,
      done,
    ) {
      size = [this.width, this.height];
      done(new Blob(['png']));
    });
    const header = pictureHeader('Loss chart', {
      datasetName: 'pets',
      config: defaultConfig(),
      snapshot: { step: 350, metrics },
    });
    await compositePng([document.createElement('canvas')], 600, 300, { header, pixelRatio: 1 });
    expect(texts[0]).toBe('Loss chart · pets');
    const facts = texts.slice(1).join(' · ');
    expect(facts).toContain('step 350');
    expect(facts).toContain('R@1 image → caption 0.920');
    expect(facts).toContain('gap 0.091');
    expect(translated).toBeGreaterThan(30);
    expect(size).toEqual([600, 300 + translated]);
  });

  it('puts the same heading above the plot in the SVG', () => {
    const plot =
      '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"><g class="plot"/></svg>';
    const text = svgWithHeader(plot, 400, 200, { title: 'Loss chart · a<b', facts: ['step 3'] });
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    const band = layoutHeader({ title: 'Loss chart · a<b', facts: ['step 3'] }, 400, estimateWidth).height;
    expect(root.getAttribute('height')).toBe(String(200 + band));
    expect(Array.from(root.querySelectorAll(':scope > text'), (t) => t.textContent)).toEqual([
      'Loss chart · a<b',
      'step 3',
    ]);
    const nested = root.querySelector(':scope > svg')!;
    expect(nested.getAttribute('y')).toBe(String(band));
    expect(nested.querySelector('g.plot')).not.toBeNull();
  });
});
