/**
 * Sound in the live app: a run over image, caption and sound trains in the page; the shared space
 * shows three clouds with a centroid each and one gap arrow per pair, and the per-pair gaps fall; the
 * selected item's sound plays through Web Audio (AudioBufferSourceNode.start counted by an init script)
 * beside its spectrogram; no console errors. A small config on the WASM backend keeps it to a minute or two.
 * Own data with sound: a zip of pictures, captions and WAV files of different lengths, imported; the
 * selected item plays its own file's samples (the length says which file), whatever the seeded split.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { zipSync, type Zippable } from 'fflate';
import * as wavefileModule from 'wavefile';
import { launch, metric, stepCount } from './browser';
import { pairAt } from '../../bench/scale/pairsZip';

const WaveFile =
  wavefileModule.WaveFile ??
  (wavefileModule as unknown as { default: typeof wavefileModule }).default.WaveFile;

let browser: Browser;
const baseUrl = inject('baseUrl');
const URL_HASH = '#modalities=image,text,audio&trainSize=300&evalSize=64&evalEvery=10&backend=wasm';
const PAIRS = ['image-text', 'image-audio', 'text-audio'] as const;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Opens the app with Web Audio instrumented: every source start and the contexts' states are recorded. */
async function openWithAudioProbe(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    const w = window as unknown as { __audio: { starts: number; samples: number[]; states: string[] } };
    w.__audio = { starts: 0, samples: [], states: [] };
    const proto = AudioBufferSourceNode.prototype;
    const original = Object.getOwnPropertyDescriptor(proto, 'start')!.value as (
      this: AudioBufferSourceNode,
      ...args: number[]
    ) => void;
    Object.defineProperty(proto, 'start', {
      configurable: true,
      writable: true,
      value(this: AudioBufferSourceNode, ...args: number[]) {
        w.__audio.starts++;
        w.__audio.samples.push(this.buffer?.length ?? 0);
        w.__audio.states.push(this.context.state);
        original.apply(this, args);
      },
    });
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors };
}

describe('sound in the app', () => {
  it('trains three modalities, draws three clouds whose gaps fall, and plays a sound', async () => {
    const { page, errors } = await openWithAudioProbe(`${baseUrl}${URL_HASH}`);
    await page.locator('[data-testid="play"]:not([disabled])').waitFor({ timeout: 120_000 });
    await expect(page.getByTestId('config-modalities').inputValue()).resolves.toBe('image,text,audio');

    // Three clouds: 3 × 64 points, a centroid of each modality, a legend naming the sound cloud.
    const scatter = page.getByTestId('scatter');
    await expect.poll(() => scatter.getAttribute('data-points'), { timeout: 60_000 }).toBe(String(3 * 64));
    for (const m of ['image', 'text', 'audio'])
      await expect(scatter.locator(`path.centroid-${m}`).count()).resolves.toBe(1);
    await expect(scatter.locator('line.gap-line').count()).resolves.toBe(3);
    await expect(scatter.locator('g.legend-entry[data-key="audio"] text').textContent()).resolves.toBe(
      'Sounds',
    );
    await expect(scatter.locator('text.gap-label').allTextContents()).resolves.toEqual([
      expect.stringMatching(/^image ↔ caption gap \d/),
      expect.stringMatching(/^image ↔ sound gap \d/),
      expect.stringMatching(/^caption ↔ sound gap \d/),
    ]);

    const before = await Promise.all(PAIRS.map((k) => metric(page, `metric-gap-${k}`)));
    for (const g of before) expect(g).toBeGreaterThan(0);
    await page.getByTestId('play').click();
    await expect.poll(() => stepCount(page), { timeout: 180_000 }).toBeGreaterThanOrEqual(100);
    await page.getByTestId('pause').click();
    // Every pair's gap falls (coordinated InfoNCE over every pair of modalities).
    await expect
      .poll(async () => Promise.all(PAIRS.map((k) => metric(page, `metric-gap-${k}`))), { timeout: 60_000 })
      .toSatisfy((after: number[]) => after.every((g, i) => g < 0.8 * before[i]));

    // Select the first item from the keyboard; its sound, spectrogram and cross-modal retrieval appear.
    await scatter.focus();
    await page.keyboard.press('ArrowRight');
    const spectrogram = page.getByTestId('spectrogram');
    await spectrogram.waitFor({ timeout: 10_000 });
    const drawn = await spectrogram.evaluate((el) => {
      const c = el as HTMLCanvasElement;
      const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
      let opaque = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] === 255) opaque++;
      return { width: c.width, height: c.height, opaque };
    });
    expect(drawn).toEqual({ width: 48, height: 40, opaque: 48 * 40 });
    await expect(page.getByTestId('cross-results').locator('li').count()).resolves.toBe(5);

    await page.getByTestId('play-sound').click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __audio: { starts: number } }).__audio.starts))
      .toBe(1);
    const audio = await page.evaluate(
      () => (window as unknown as { __audio: { samples: number[]; states: string[] } }).__audio,
    );
    // The whole clip (0.784 s at 16 kHz) went to the speakers from a running context.
    expect(audio.samples).toEqual([12544]);
    await expect
      .poll(() =>
        page.evaluate(() => {
          const b = document.querySelector('[data-testid="play-sound"]');
          return b?.textContent ?? '';
        }),
      )
      .toMatch(/Play/);
    expect(errors).toEqual([]);
    await page.close();
  }, 400_000);

  it("plays an imported item's own sound, the file its caption came with", async () => {
    const { page, errors } = await openWithAudioProbe(`${baseUrl}#modalities=image,text,audio&backend=cpu`);
    await expect
      .poll(() => page.getByTestId('data-current').getAttribute('data-ready'), { timeout: 120_000 })
      .toBe('shapes');
    await page.getByTestId('import-files').setInputFiles({
      name: 'pairs-with-sound.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(SOUND_ZIP.bytes),
    });
    await expect
      .poll(() => page.getByTestId('import-kept').getAttribute('data-value'), { timeout: 60_000 })
      .toBe(String(SOUND_ZIP.samples.size));
    await expect
      .poll(() => page.getByTestId('data-current').getAttribute('data-ready'), { timeout: 120_000 })
      .toBe('imported');
    await expect(page.getByTestId('config-modalities').inputValue()).resolves.toBe('image,text,audio');
    // 6 pairs, 20 % held for evaluation → 2 (at least 2 on each side); a cloud of each per modality.
    const scatter = page.getByTestId('scatter');
    await expect.poll(() => scatter.getAttribute('data-points'), { timeout: 60_000 }).toBe(String(3 * 2));

    const played: { caption: string; samples: number }[] = [];
    for (let item = 0; item < 2; item++) {
      await scatter.focus();
      await page.keyboard.press('ArrowRight');
      const selected = page.getByTestId('selected-sound');
      await expect
        .poll(() => selected.locator('q').textContent(), { timeout: 10_000 })
        .not.toBe(played[0]?.caption);
      const caption = (await selected.locator('q').textContent()) ?? '';
      await page.getByTestId('play-sound').click();
      await expect
        .poll(() =>
          page.evaluate(() => (window as unknown as { __audio: { starts: number } }).__audio.starts),
        )
        .toBe(item + 1);
      const samples = await page.evaluate(
        () => (window as unknown as { __audio: { samples: number[] } }).__audio.samples.at(-1) ?? 0,
      );
      played.push({ caption, samples });
      // The spectrogram of those samples is drawn, every cell.
      const opaque = await page.getByTestId('spectrogram').evaluate((el) => {
        const c = el as HTMLCanvasElement;
        const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] === 255) n++;
        return n;
      });
      expect(opaque).toBe(48 * 40);
    }
    // Each selected item played its own file: the WAV named beside its caption, its duration at 16 kHz.
    expect(played.map((p) => p.samples)).toEqual(played.map((p) => SOUND_ZIP.samples.get(p.caption)));
    expect(new Set(played.map((p) => p.caption)).size).toBe(2);
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});

/**
 * Six pairs (bench's 64x64 pictures and captions) with a 16 kHz 16-bit WAV each, of a different length
 * (0.25 s + 0.05 s per pair) and pitch, named by metadata.jsonl's `audio_file_name`. `samples`: caption →
 * the sound's length in samples.
 */
const SOUND_ZIP = ((): { bytes: Uint8Array; samples: Map<string, number> } => {
  const files: Zippable = {};
  const lines: string[] = [];
  const samples = new Map<string, number>();
  for (let i = 0; i < 6; i++) {
    const { caption, png } = pairAt(i * 37);
    const length = 4000 + 800 * i;
    const hz = 300 + 100 * i;
    const wave = new WaveFile();
    wave.fromScratch(
      1,
      16_000,
      '16',
      Array.from({ length }, (_, t) => Math.round(12_000 * Math.sin((2 * Math.PI * hz * t) / 16_000))),
    );
    files[`images/${i}.png`] = png;
    files[`sounds/${i}.wav`] = new Uint8Array(wave.toBuffer());
    lines.push(
      JSON.stringify({ file_name: `images/${i}.png`, text: caption, audio_file_name: `sounds/${i}.wav` }),
    );
    samples.set(caption, length);
  }
  files['metadata.jsonl'] = new TextEncoder().encode(`${lines.join('\n')}\n`);
  return { bytes: zipSync(files), samples };
})();
