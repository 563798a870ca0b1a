import { describe, it, expect } from 'vitest';
import { createRng } from '../../../src/core/random/rng';
import { IMAGE_LENGTH, IMAGE_SIZE, imageAt, type ImageColumn } from '../../../src/core/data/pairs';
import type { PairSet } from '../../../src/core/data/pairs';
import {
  ATTRIBUTE_NAMES,
  COLOURS,
  COLOUR_RGB,
  POSITIONS,
  SHAPES,
  SIZES,
  SYNONYMS,
} from '../../../src/core/data/shapes/attributes';
import type { ShapeAttributes } from '../../../src/core/data/shapes/attributes';
import { CAPTION_TEMPLATES, captionFromTemplate, parseCaption } from '../../../src/core/data/shapes/captions';
import { drawingFor, renderImage } from '../../../src/core/data/shapes/render';
import { heldOutCombos } from '../../../src/core/data/shapes/split';
import { generateShapeCaptions } from '../../../src/core/data/shapes/shapeCaptions';

const data = generateShapeCaptions({ seed: 42 });

function attrsAt(set: PairSet, i: number): ShapeAttributes {
  const a = set.attributes as Int32Array;
  return { shape: a[i * 4], colour: a[i * 4 + 1], size: a[i * 4 + 2], position: a[i * 4 + 3] };
}

/**
 * Foreground statistics of one image. Foreground: some channel above 0.4 (every colour has a channel
 * >= 0.85 after jitter; the background is <= ~0.2 with noise). The colour is the mean over the core
 * pixels only (max channel >= 85% of the image's brightest), since anti-aliased rims are blended with
 * the background and would pull a yellow towards orange.
 */
function foreground(img: Float32Array): { count: number; cx: number; cy: number; rgb: number[] } {
  let count = 0;
  let cx = 0;
  let cy = 0;
  let brightest = 0;
  const value = (p: number): number => Math.max(img[p], img[p + 1], img[p + 2]);
  for (let p = 0; p < IMAGE_LENGTH; p += 3) brightest = Math.max(brightest, value(p));
  const rgb = [0, 0, 0];
  let core = 0;
  for (let y = 0; y < IMAGE_SIZE; y++) {
    for (let x = 0; x < IMAGE_SIZE; x++) {
      const p = (y * IMAGE_SIZE + x) * 3;
      if (value(p) < 0.4) continue;
      count++;
      cx += x + 0.5;
      cy += y + 0.5;
      if (value(p) < 0.85 * brightest) continue;
      core++;
      for (let c = 0; c < 3; c++) rgb[c] += img[p + c];
    }
  }
  return { count, cx: cx / count, cy: cy / count, rgb: rgb.map((v) => v / core) };
}

/** Byte equality without a deep-equal diff over a million elements (which takes seconds). */
function sameBytes(a: ImageColumn, b: ImageColumn): boolean {
  const bytes = (x: ImageColumn): Buffer => Buffer.from(x.buffer, x.byteOffset, x.byteLength);
  return bytes(a).equals(bytes(b));
}

describe('generateShapeCaptions', () => {
  it('returns the documented shapes and ranges', () => {
    expect(data.name).toBe('ShapeCaptions');
    expect(data.schema?.names).toEqual(['shape', 'colour', 'size', 'position']);
    for (const [set, n] of [
      [data.train, 2000],
      [data.eval, 512],
    ] as const) {
      expect(set.size).toBe(n);
      expect(set.images.length).toBe(n * IMAGE_LENGTH);
      expect(set.attributes?.length).toBe(n * 4);
      expect(set.heldOut?.length).toBe(n);
      expect(set.captions.length).toBe(n);
      expect(set.keys.length).toBe(n);
      expect(set.images.every((v) => v >= 0 && v <= 1)).toBe(true);
      for (let i = 0; i < n; i++) {
        const a = attrsAt(set, i);
        expect(set.keys[i]).toBe(`${a.shape}|${a.colour}|${a.size}|${a.position}`);
        expect(set.captions[i].length).toBe(4);
        expect(new Set(set.captions[i]).size).toBe(4);
        for (const text of set.captions[i]) expect(text).toMatch(/^[a-z ,:-]+$/);
      }
    }
  });

  it('uses every value of every attribute, roughly uniformly', () => {
    const limits = [SHAPES.length, COLOURS.length, SIZES.length, POSITIONS.length];
    limits.forEach((limit, column) => {
      const counts = new Array<number>(limit).fill(0);
      for (let i = 0; i < data.train.size; i++) counts[data.train.attributes![i * 4 + column]]++;
      const expected = data.train.size / limit;
      for (const c of counts) {
        expect(c).toBeGreaterThan(expected * 0.6);
        expect(c).toBeLessThan(expected * 1.4);
      }
    });
  });

  it('is deterministic: same seed gives byte-equal data, another seed differs', () => {
    const a = generateShapeCaptions({ seed: 7, trainSize: 100, evalSize: 40 });
    const b = generateShapeCaptions({ seed: 7, trainSize: 100, evalSize: 40 });
    const c = generateShapeCaptions({ seed: 8, trainSize: 100, evalSize: 40 });
    expect(sameBytes(a.train.images, b.train.images)).toBe(true);
    expect(sameBytes(a.eval.images, b.eval.images)).toBe(true);
    expect(a.train.captions).toEqual(b.train.captions);
    expect(a.eval.captions).toEqual(b.eval.captions);
    expect(a.train.attributes).toEqual(b.train.attributes);
    expect(sameBytes(a.train.images, c.train.images)).toBe(false);
    expect(a.train.captions).not.toEqual(c.train.captions);
  });

  it('keeps eval fixed when trainSize changes, and shapes fixed when noise or captions change', () => {
    const small = generateShapeCaptions({ seed: 3, trainSize: 10, evalSize: 30 });
    const large = generateShapeCaptions({ seed: 3, trainSize: 300, evalSize: 30 });
    expect(sameBytes(small.eval.images, large.eval.images)).toBe(true);
    expect(small.eval.captions).toEqual(large.eval.captions);
    expect(small.heldOutCombos).toEqual(large.heldOutCombos);

    const quiet = generateShapeCaptions({
      seed: 3,
      trainSize: 10,
      evalSize: 30,
      noise: 0,
      captionsPerImage: 2,
    });
    expect(quiet.train.attributes).toEqual(small.train.attributes);
    for (let i = 0; i < 10; i++) {
      const noisy = foreground(imageAt(small.train, i));
      const clean = foreground(imageAt(quiet.train, i));
      expect(Math.abs(noisy.cx - clean.cx)).toBeLessThan(0.5);
    }
  });

  it('generates 2000 + 512 pairs quickly', () => {
    const start = performance.now();
    generateShapeCaptions({ seed: 11 });
    // About 0.3 s on a laptop; the bound is loose so a slow CI machine does not flake.
    expect(performance.now() - start).toBeLessThan(5000);
  });

  it('rejects bad options with a message naming the option', () => {
    const bad: [object, RegExp][] = [
      [{ seed: 1.5 }, /seed/],
      [{ seed: Number.NaN }, /seed/],
      [{ seed: 1, trainSize: 0 }, /trainSize/],
      [{ seed: 1, trainSize: 2.5 }, /trainSize/],
      [{ seed: 1, trainSize: 100_001 }, /trainSize/],
      [{ seed: 1, evalSize: -1 }, /evalSize/],
      [{ seed: 1, heldOutFraction: 1.5 }, /heldOutFraction/],
      [{ seed: 1, noise: -0.1 }, /noise/],
      [{ seed: 1, noise: Number.NaN }, /noise/],
      [{ seed: 1, captionsPerImage: 0 }, /captionsPerImage/],
    ];
    for (const [options, message] of bad) {
      expect(() => generateShapeCaptions(options as { seed: number })).toThrow(message);
    }
  });
});

describe('held-out split', () => {
  it('holds out every colour and every shape at least once, with distinct combos', () => {
    for (let seed = 0; seed < 20; seed++) {
      const combos = heldOutCombos(createRng(seed));
      expect(combos.length).toBe(8);
      expect(new Set(combos.map(([c]) => c)).size).toBe(COLOURS.length);
      expect(new Set(combos.map(([, s]) => s)).size).toBe(SHAPES.length);
      expect(new Set(combos.map(([c, s]) => `${c}|${s}`)).size).toBe(8);
    }
  });

  it('never trains on a held-out combo; eval mixes seen and flagged held-out pairs', () => {
    const held = new Set(data.heldOutCombos.map(([c, s]) => `${c}|${s}`));
    for (let i = 0; i < data.train.size; i++) {
      const a = attrsAt(data.train, i);
      expect(held.has(`${a.colour}|${a.shape}`)).toBe(false);
      expect(data.train.heldOut![i]).toBe(0);
    }
    let flagged = 0;
    for (let i = 0; i < data.eval.size; i++) {
      const a = attrsAt(data.eval, i);
      const isHeld = data.eval.heldOut![i] === 1;
      expect(held.has(`${a.colour}|${a.shape}`)).toBe(isHeld);
      if (isHeld) flagged++;
    }
    expect(flagged).toBe(Math.round(512 * 0.25));
    // Held-out pairs are spread through the set, not bunched at one end.
    expect(Array.from(data.eval.heldOut!.subarray(0, 256)).some((f) => f === 1)).toBe(true);
    expect(Array.from(data.eval.heldOut!.subarray(256)).some((f) => f === 1)).toBe(true);
  });
});

describe('captions', () => {
  it('every generated caption parses back to its pair attributes', () => {
    for (const set of [data.train, data.eval]) {
      for (let i = 0; i < set.size; i++) {
        for (const text of set.captions[i]) expect(parseCaption(text), text).toEqual(attrsAt(set, i));
      }
    }
  });

  it('every template says every combination unambiguously', () => {
    const rng = createRng(5);
    const combos = SHAPES.length * COLOURS.length * SIZES.length * POSITIONS.length;
    for (let t = 0; t < CAPTION_TEMPLATES.length; t++) {
      for (let k = 0; k < combos; k++) {
        const a = {
          shape: k % 6,
          colour: Math.floor(k / 6) % 8,
          size: Math.floor(k / 48) % 3,
          position: Math.floor(k / 144),
        };
        const text = captionFromTemplate(t, a, rng);
        expect(parseCaption(text), text).toEqual(a);
      }
    }
  });

  it('every synonym alone parses to its value and nothing else', () => {
    for (const name of ATTRIBUTE_NAMES) {
      SYNONYMS[name].forEach((list, value) => {
        for (const phrase of list) expect(parseCaption(phrase), phrase).toEqual({ [name]: value });
      });
    }
  });

  it('parses free variants: case, punctuation, word order, split positions', () => {
    const circleTopLeft = { shape: 0, colour: 0, size: 0, position: 0 };
    expect(parseCaption('Top-Left: A TINY crimson disc!')).toEqual(circleTopLeft);
    expect(parseCaption('disc crimson tiny top left')).toEqual(circleTopLeft);
    expect(parseCaption('a small red circle on the left, near the top')).toEqual(circleTopLeft);
    expect(parseCaption('a huge blue box, middle of the top row')).toEqual({
      shape: 1,
      colour: 5,
      size: 2,
      position: 1,
    });
    expect(parseCaption('the medium-sized star in the center')).toEqual({ shape: 4, size: 1, position: 4 });
    expect(parseCaption('a red thing')).toEqual({ colour: 0 });
    expect(parseCaption('')).toEqual({});
  });
});

describe('rendering', () => {
  const red = COLOUR_RGB[0];

  it('a large red circle in the centre, without jitter or noise: exact centre and background corners', () => {
    const img = new Float32Array(IMAGE_LENGTH);
    const d = drawingFor({ shape: 0, colour: 0, size: 2, position: 4 }, null);
    expect([d.cx, d.cy, d.radius]).toEqual([16, 16, 6.5]);
    renderImage(img, 0, d, 0.08, 0, null);
    // Pixel (15, 15) spans [15, 16)^2, wholly inside a radius-6.5 circle at (16, 16).
    expect(Array.from(img.subarray((15 * 32 + 15) * 3, (15 * 32 + 15) * 3 + 3))).toEqual(
      red.map((v) => Math.fround(v)),
    );
    for (const p of [0, 31, 31 * 32, 32 * 32 - 1]) {
      expect(Array.from(img.subarray(p * 3, p * 3 + 3))).toEqual([0.08, 0.08, 0.08].map(Math.fround));
    }
    // A pixel on the rim is a blend: between background and colour in the red channel.
    const rim = (16 * 32 + 22) * 3; // x in [22, 23): the circle's edge is at x = 22.5
    expect(img[rim]).toBeGreaterThan(0.2);
    expect(img[rim]).toBeLessThan(0.8);
  });

  it('large centred shapes have their colour at the centre and background in the corners', () => {
    let checked = 0;
    for (let i = 0; i < data.train.size; i++) {
      const a = attrsAt(data.train, i);
      if (a.size !== 2 || a.position !== 4) continue;
      checked++;
      const img = imageAt(data.train, i);
      const base = COLOUR_RGB[a.colour];
      const centre = (15 * 32 + 15) * 3;
      // Colour jitter is ±0.05; noise (std 0.02) adds at most ~0.1 at 5 sigma.
      for (let c = 0; c < 3; c++) expect(Math.abs(img[centre + c] - base[c])).toBeLessThan(0.15);
      for (let c = 0; c < 3; c++) expect(img[c]).toBeLessThan(0.2);
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('puts every shape in its cell, in its colour, and orders sizes by area', () => {
    const area = new Map<string, number[]>();
    for (const set of [data.train, data.eval]) {
      for (let i = 0; i < set.size; i++) {
        const a = attrsAt(set, i);
        const fg = foreground(imageAt(set, i));
        const cell = 32 / 3;
        expect(Math.floor(fg.cx / cell), `item ${i} x`).toBe(a.position % 3);
        expect(Math.floor(fg.cy / cell), `item ${i} y`).toBe(Math.floor(a.position / 3));
        const distances = COLOUR_RGB.map((rgb) => Math.hypot(...rgb.map((v, c) => v - fg.rgb[c])));
        expect(distances.indexOf(Math.min(...distances)), `item ${i} colour`).toBe(a.colour);
        const key = `${a.shape}|${a.size}`;
        area.set(key, [...(area.get(key) ?? []), fg.count]);
      }
    }
    const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
    for (let shape = 0; shape < SHAPES.length; shape++) {
      const [small, medium, large] = [0, 1, 2].map((size) => mean(area.get(`${shape}|${size}`)!));
      expect(medium).toBeGreaterThan(small * 1.6);
      expect(large).toBeGreaterThan(medium * 1.6);
    }
  });
});
