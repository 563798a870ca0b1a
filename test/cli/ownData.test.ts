/**
 * The runner on a folder of the user's own pairs: its JSON describes the data it trained on (the config
 * says 'imported' and holds no generated-data sizes; `data` holds the real ones), and its progress lines
 * print '–' for the empty held-out split, with the reason once, never NaN.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NO_HELD_OUT, progressLine, reportedConfig, type HistoryEntry } from '../../src/cli/runExperiment';
import { defaultConfig } from '../../src/core/experiment/config';
import { makePng } from '../core/data/import/fixtures';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const RUNNER = join(process.cwd(), 'src', 'cli', 'experiment.ts');

const dir = mkdtempSync(join(tmpdir(), 'own-data-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Ten 8x8 PNGs of distinct colours, captioned by metadata.jsonl. */
function pairsFolder(): string {
  const folder = join(dir, 'pairs');
  mkdirSync(folder);
  const rows: string[] = [];
  for (let i = 0; i < 10; i++) {
    writeFileSync(
      join(folder, `c${i}.png`),
      makePng(8, 8, () => [i * 25, 255 - i * 25, 80, 255]),
    );
    rows.push(JSON.stringify({ file_name: `c${i}.png`, text: `colour number ${i}` }));
  }
  writeFileSync(join(folder, 'metadata.jsonl'), rows.join('\n'));
  return folder;
}

function runner(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, [RUNNER, ...args], { timeout: 90_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('the runner on own data', () => {
  it('reports the imported data in config and data, and no NaN in its progress', async () => {
    const args = ['--data', pairsFolder(), '--steps', '4', '--eval-every', '2', '--batch', '4'];
    const { code, stdout, stderr } = await runner([...args, '--eval-share', '0.3']);
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout) as { config: Record<string, unknown>; data: Record<string, unknown> };
    expect(result.config).toMatchObject({ dataset: 'imported', evalShare: 0.3, steps: 4, batchSize: 4 });
    for (const key of ['trainSize', 'evalSize', 'noise', 'captionOmit'])
      expect(result.config).not.toHaveProperty(key);
    // 10 images, evaluation share 0.3: round(3) held for evaluation, 7 to train on.
    expect(result.data).toMatchObject({ name: 'pairs', trainImages: 7, evalImages: 3 });
    expect(stderr).not.toMatch(/NaN/);
    const steps = stderr.split('\n').filter((l) => l.startsWith('step '));
    expect(steps).toHaveLength(3); // steps 0, 2 and 4
    for (const l of steps) expect(l).toMatch(/held-out i2t –$/);
    expect(stderr.split(NO_HELD_OUT)).toHaveLength(2); // said once
  }, 120_000);
});

describe('reportedConfig and progressLine', () => {
  it('keeps each dataset’s own data settings and every other setting', () => {
    const shapes = reportedConfig(defaultConfig());
    expect(shapes).toMatchObject({ trainSize: 2000, evalSize: 512, noise: 0.02 });
    expect(shapes).not.toHaveProperty('evalShare');
    const emoji = reportedConfig({ ...defaultConfig(), dataset: 'emoji' });
    expect(emoji).toMatchObject({ dataset: 'emoji', evalSize: 512 });
    expect(emoji).not.toHaveProperty('trainSize');
    const own = reportedConfig({ ...defaultConfig(), dataset: 'imported' });
    expect(Object.keys(defaultConfig()).filter((k) => !Object.hasOwn(own, k))).toEqual([
      'trainSize',
      'evalSize',
      'noise',
      'captionOmit',
      'greyscale',
      'pitchless',
    ]);
  });

  it('prints – for an empty split and NaN only for a value that is one', () => {
    const split = (count: number, r1: number) => ({
      count,
      gap: 0,
      alignment: 0,
      pairCosine: 0,
      i2t: { r1, r5: r1, r10: r1, medianRank: 1 },
      t2i: { r1, r5: r1, r10: r1, medianRank: 1 },
    });
    const entry = {
      step: 10,
      loss: NaN,
      gap: 0.5,
      alignment: 1.25,
      pairCosine: 0,
      uniformityImage: 0,
      uniformityText: 0,
      coneImage: 0,
      coneText: 0,
      seen: split(5, 0.4),
      heldOut: split(0, NaN),
    } as HistoryEntry;
    expect(progressLine(entry)).toBe(
      'step     10  loss NaN  gap 0.500  align 1.250  R@1 i2t 0.400 t2i 0.400  held-out i2t –',
    );
  });

  it('names a sound run’s pair in its directions, and gives each of three modalities’ pairs a compact part', () => {
    const scores = (r1: number) => ({ r1, r5: r1, r10: r1, medianRank: 1 });
    const pairSplit = (count: number, a2b: number, b2a: number) => ({
      count,
      gap: 0,
      alignment: 0,
      pairCosine: 0,
      a2b: scores(a2b),
      b2a: scores(b2a),
    });
    const pair = (gap: number, a2b: number, b2a: number, heldOut: number) => ({
      gap,
      alignment: 0,
      pairCosine: 0,
      seen: pairSplit(5, a2b, b2a),
      heldOut: pairSplit(heldOut < 0 ? 0 : 3, heldOut, heldOut),
      hitRule: 'same shape, colour, size',
    });
    // The top-level fields of an image,audio run describe its only pair: i2t is image → sound.
    const imageSound = {
      step: 200,
      loss: 0.25,
      gap: 0.31,
      alignment: 0.5,
      pairCosine: 0,
      uniformityImage: 0,
      uniformityText: 0,
      coneImage: 0,
      coneText: 0,
      seen: { count: 5, gap: 0, alignment: 0, pairCosine: 0, i2t: scores(0.52), t2i: scores(0.61) },
      heldOut: { count: 3, gap: 0, alignment: 0, pairCosine: 0, i2t: scores(0.3), t2i: scores(0.2) },
      modalities: ['image', 'audio'],
      pairs: { 'image-audio': pair(0.31, 0.52, 0.61, 0.3) },
    } as HistoryEntry;
    expect(progressLine(imageSound)).toBe(
      'step    200  loss 0.250  gap 0.310  align 0.500  R@1 image→sound 0.520 sound→image 0.610  held-out image→sound 0.300',
    );
    const textSound = { ...imageSound, modalities: ['text', 'audio'] } as HistoryEntry;
    expect(progressLine(textSound)).toContain(
      'R@1 caption→sound 0.520 sound→caption 0.610  held-out caption→sound',
    );

    const three = {
      ...imageSound,
      modalities: ['image', 'text', 'audio'],
      pairs: {
        'image-text': pair(0.5, 0.4, 0.45, -1),
        'image-audio': pair(0.31, 0.52, 0.61, 0.3),
        'text-audio': pair(0.2, 0.7, 0.98, 0.1),
      },
    } as HistoryEntry;
    expect(progressLine(three)).toBe(
      'step    200  loss 0.250  ' +
        'image–caption gap 0.500 R@1 i→c 0.400 c→i 0.450 held-out i→c –  ' +
        'image–sound gap 0.310 R@1 i→s 0.520 s→i 0.610 held-out i→s 0.300  ' +
        'caption–sound gap 0.200 R@1 c→s 0.700 s→c 0.980 held-out c→s 0.100',
    );
  });
});
