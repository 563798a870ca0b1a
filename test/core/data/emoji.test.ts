import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random/rng';
import { IMAGE_LENGTH } from '../../../src/core/data/pairs';
import { emojiCaptions, emojiDataset, loadEmojiFiles, type EmojiFiles } from '../../../src/core/data/emoji';

const read = async (name: string) => new Uint8Array(await readFile(join('public/data/emoji', name)));
const files: EmojiFiles = await loadEmojiFiles(read);

describe('emoji dataset files', () => {
  it('hold 1,906 emoji in two styles with CLDR names and attribution', async () => {
    expect(files.index.count).toBe(1906);
    expect(files.index.styles.map((s) => s.id)).toEqual(['noto', 'twemoji']);
    const grin = files.index.emoji.find((e) => e.code === '1f600');
    expect(grin).toMatchObject({ char: '😀', label: 'grinning face', group: 'Smileys & Emotion' });
    expect(grin?.tags).toContain('happy');
    expect(new Set(files.index.emoji.map((e) => e.code)).size).toBe(1906);
    const attribution = JSON.parse(new TextDecoder().decode(await read('attribution.json'))) as {
      credits: { licence: string }[];
    };
    expect(attribution.credits.map((c) => c.licence)).toContain('CC BY 4.0');
  });
});

describe('emojiDataset', () => {
  const ds = emojiDataset(files, { seed: 1 });

  it('trains on Noto and evaluates on Twemoji, holding 10% of emoji out of training', () => {
    expect(ds.name).toBe('Emoji (train: Noto Emoji (Google), evaluate: Twemoji)');
    expect(ds.eval.size).toBe(1906);
    expect(ds.heldOutCodes).toHaveLength(191);
    expect(ds.train.size).toBe(1906 - 191);
    const held = new Set(ds.heldOutCodes);
    expect(ds.train.keys.some((k) => held.has(k))).toBe(false);
    expect(ds.eval.keys.filter((_, i) => ds.eval.heldOut![i] === 1).sort()).toEqual([...held].sort());
    expect(ds.train.images).toHaveLength(ds.train.size * IMAGE_LENGTH);
    expect(Math.min(...ds.eval.images.subarray(0, 3072))).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ds.eval.images.subarray(0, 3072))).toBeLessThanOrEqual(1);
  });

  it('draws the same emoji differently in the two styles, and each image is not blank', () => {
    const code = ds.train.keys[100];
    const e = ds.eval.keys.indexOf(code);
    const a = ds.train.images.subarray(100 * IMAGE_LENGTH, 101 * IMAGE_LENGTH);
    const b = ds.eval.images.subarray(e * IMAGE_LENGTH, (e + 1) * IMAGE_LENGTH);
    let diff = 0;
    for (let i = 0; i < IMAGE_LENGTH; i++) diff += Math.abs(a[i] - b[i]);
    expect(diff / IMAGE_LENGTH).toBeGreaterThan(0.01);
    // The corners are white background; something is drawn in the middle.
    expect(a[0]).toBe(1);
    expect(Math.min(...a)).toBeLessThan(0.8);
  });

  it('captions with the CLDR name first, then keyword templates; evaluates on the name alone', () => {
    const i = ds.train.keys.indexOf('1f600');
    if (i >= 0) {
      expect(ds.train.captions[i][0]).toBe('grinning face');
      expect(ds.train.captions[i]).toContain('a grinning face emoji');
    }
    const j = ds.eval.keys.indexOf('1f600');
    expect(ds.eval.captions[j]).toEqual(['grinning face']);
    const caps = emojiCaptions(
      { code: 'x', char: 'x', label: 'apple', tags: ['fruit', 'red', 'apple'], group: '', subgroup: '' },
      4,
      createRng(1),
    );
    expect(caps[0]).toBe('apple');
    expect(caps).toContain('an apple emoji');
    expect(caps.some((c) => /^apple, (fruit and red|red and fruit)$/.test(c))).toBe(true);
    expect(caps.every((c) => !c.includes('apple, apple'))).toBe(true);
  });

  it('is the same for the same seed and can swap styles', () => {
    expect(emojiDataset(files, { seed: 1 }).heldOutCodes).toEqual(ds.heldOutCodes);
    const swapped = emojiDataset(files, {
      seed: 1,
      trainStyle: 'twemoji',
      evalStyle: 'noto',
      heldOutFraction: 0,
    });
    expect(swapped.train.size).toBe(1906);
    expect(swapped.eval.heldOut!.every((h) => h === 0)).toBe(true);
    expect(() => emojiDataset(files, { seed: 1, trainStyle: 'apple' })).toThrow(/no emoji style 'apple'/);
  });

  it('evaluates on a seeded sample that keeps the held-out share, training on the same pairs', () => {
    const small = emojiDataset(files, { seed: 1, evalSize: 512 });
    expect(small.eval.size).toBe(512);
    // 191 of 1,906 held out: round(512 · 191 / 1906) = 51 of the sample.
    expect(small.eval.heldOut!.reduce((a, h) => a + h, 0)).toBe(51);
    expect(new Set(small.eval.keys).size).toBe(512);
    expect(small.train.keys).toEqual(ds.train.keys);
    expect(small.heldOutCodes).toEqual(ds.heldOutCodes);
    const held = new Set(ds.heldOutCodes);
    small.eval.keys.forEach((k, i) => expect(small.eval.heldOut![i]).toBe(held.has(k) ? 1 : 0));
    // Each sampled pair is the full set's pair: same Twemoji pixels, same name.
    const j = ds.eval.keys.indexOf(small.eval.keys[10]);
    expect(small.eval.captions[10]).toEqual(ds.eval.captions[j]);
    expect(small.eval.images.subarray(10 * IMAGE_LENGTH, 11 * IMAGE_LENGTH)).toEqual(
      ds.eval.images.subarray(j * IMAGE_LENGTH, (j + 1) * IMAGE_LENGTH),
    );
    expect(emojiDataset(files, { seed: 1, evalSize: 512 }).eval.keys).toEqual(small.eval.keys);
    expect(emojiDataset(files, { seed: 2, evalSize: 512 }).eval.keys).not.toEqual(small.eval.keys);
    expect(emojiDataset(files, { seed: 1, evalSize: 5000 }).eval.size).toBe(1906);
    expect(() => emojiDataset(files, { seed: 1, evalSize: 1 })).toThrow(/evalSize must be at least 2/);
  });
});
