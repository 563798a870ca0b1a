import { describe, expect, it } from 'vitest';
import { generateShapeCaptions } from '../../../src/core/data/shapes/shapeCaptions';
import { parseCaption } from '../../../src/core/data/shapes/captions';
import { ATTRIBUTE_NAMES } from '../../../src/core/data/shapes/attributes';

/** How many attributes a caption names, and whether each named one is the item's own. */
function mentioned(caption: string, attrs: Int32Array, i: number): { count: number; correct: boolean } {
  const parsed = parseCaption(caption);
  let count = 0;
  let correct = true;
  ATTRIBUTE_NAMES.forEach((name, k) => {
    const v = parsed[name];
    if (v === undefined) return;
    count++;
    if (v !== attrs[i * 4 + k]) correct = false;
  });
  return { count, correct };
}

describe('terse captions (captionOmit)', () => {
  it('leave the data unchanged when off', () => {
    const a = generateShapeCaptions({ seed: 3, trainSize: 50, evalSize: 20 });
    const b = generateShapeCaptions({ seed: 3, trainSize: 50, evalSize: 20, captionOmit: 0 });
    expect(b.train.captions).toEqual(a.train.captions);
    expect(b.eval.captions).toEqual(a.eval.captions);
  });

  it('leave exactly one attribute out of every caption at rate 1, and name the others right', () => {
    const d = generateShapeCaptions({ seed: 4, trainSize: 200, evalSize: 40, captionOmit: 1 });
    const left = new Set<string>();
    d.train.captions.forEach((caps, i) => {
      for (const c of caps) {
        const m = mentioned(c, d.train.attributes!, i);
        expect(m, c).toEqual({ count: 3, correct: true });
        left.add(ATTRIBUTE_NAMES.find((n) => parseCaption(c)[n] === undefined)!);
      }
    });
    expect([...left].sort()).toEqual([...ATTRIBUTE_NAMES].sort());
    // Images and attributes do not depend on the captions.
    expect(d.train.images).toEqual(
      generateShapeCaptions({ seed: 4, trainSize: 200, evalSize: 40 }).train.images,
    );
  });

  it('leave an attribute out of about the chosen share of captions', () => {
    const d = generateShapeCaptions({ seed: 5, trainSize: 500, evalSize: 20, captionOmit: 0.3 });
    const all = d.train.captions.flatMap((caps, i) => caps.map((c) => mentioned(c, d.train.attributes!, i)));
    expect(all.every((m) => m.correct)).toBe(true);
    const share = all.filter((m) => m.count === 3).length / all.length;
    expect(share).toBeGreaterThan(0.26);
    expect(share).toBeLessThan(0.34);
  });
});
