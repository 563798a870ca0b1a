import { describe, expect, it } from 'vitest';
import * as wavefileModule from 'wavefile';
import { AUDIO_LENGTH, AUDIO_SAMPLE_RATE, IMAGE_LENGTH } from '../../../../src/core/data/pairs';
import {
  decodeItems,
  parseImport,
  toDataset,
  type ImageDecoder,
  type ImportEntry,
} from '../../../../src/core/data/import';
import { fromInt16 } from '../../../../src/core/audio/decodeWav';
import { logMelSpectrogram } from '../../../../src/core/audio/logMel';
import { makePng, text } from './fixtures';

const WaveFile =
  wavefileModule.WaveFile ??
  (wavefileModule as unknown as { default: typeof wavefileModule }).default.WaveFile;

/** WAV bytes of a 440 Hz tone at amplitude `amp` (0 for silence), in `depth`, at `rate`, lasting `seconds`. */
function wav(depth: string, { rate = AUDIO_SAMPLE_RATE, seconds = 0.2, amp = 0.5 } = {}): Uint8Array {
  const full = depth === '8' ? 127 : depth === '16' ? 32767 : depth === '24' ? 8388607 : 1;
  const offset = depth === '8' ? 128 : 0;
  const n = Math.round(rate * seconds);
  const samples = Array.from({ length: n }, (_, i) => {
    const v = amp * Math.sin((2 * Math.PI * 440 * i) / rate) * full + offset;
    return full === 1 ? v : Math.round(v);
  });
  const w = new WaveFile();
  w.fromScratch(1, rate, depth, samples);
  return w.toBuffer();
}

/** Every image decodes to one grey level (pixels do not matter here). */
const decoder: ImageDecoder = {
  decode: () => Promise.resolve({ pixels: new Float32Array(IMAGE_LENGTH).fill(0.5) }),
};

/** A distinct PNG per name (the importer drops identical images as duplicates). */
const png = (k: number) => makePng(2, 2, () => [10 * k, 0, 0, 255]);

const SOUNDS: Record<string, Uint8Array> = {
  'a.wav': wav('16'),
  'b.wav': wav('8', { rate: 8000 }),
  'c.wav': wav('16', { amp: 0 }),
  'd.wav': wav('8', { rate: 8000, seconds: 11 }),
  'e.mp3': Uint8Array.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0, 0, 0]),
  'g.wav': wav('16').slice(0, 3000),
  'h.wav': wav('24', { rate: 44_100 }),
  'i.wav': wav('32f'),
};

function entries(withSilentImage: boolean): ImportEntry[] {
  const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
  const audioOf: Record<string, string> = { e: 'e.mp3' };
  const rows = names.map((n) =>
    JSON.stringify({ file_name: `${n}.png`, text: `item ${n}`, audio_file_name: audioOf[n] ?? `${n}.wav` }),
  );
  if (withSilentImage) rows.push(JSON.stringify({ file_name: 'j.png', text: 'item j' }));
  return [
    { path: 'set/metadata.jsonl', bytes: text(rows.join('\n')) },
    ...[...names, ...(withSilentImage ? ['j'] : [])].map((n, k) => ({ path: `set/${n}.png`, bytes: png(k) })),
    ...Object.entries(SOUNDS).map(([name, bytes]) => ({ path: `set/${name}`, bytes })),
    { path: 'set/stray.wav', bytes: wav('16') },
  ];
}

describe('importing sound', () => {
  it('pairs each image with the sound its row names, and reports every bad sound by name with its reason', async () => {
    const parsed = parseImport(entries(true));
    const pairs = await decodeItems(parsed, decoder);
    const reasons = Object.fromEntries(pairs.rejected.map((r) => [r.path, `${r.reason}: ${r.detail}`]));
    expect(reasons).toEqual({
      'set/c.wav': expect.stringMatching(
        /^silent-audio: is silent .*; its image 'set\/c.png' is left out with it$/,
      ) as unknown,
      'set/d.wav': "too-long-audio: lasts 11.0 s (limit 10 s); its image 'set/d.png' is left out with it",
      'set/e.mp3':
        "unsupported-type: is not a WAV file (only WAV sound can be read); its image 'set/e.png' is left out with it",
      'set/f.png': "missing-audio: its sound 'set/f.wav' (set/metadata.jsonl:6) is not among the files",
      'set/g.wav': expect.stringMatching(/^truncated: ends after \d+ of its 6400 bytes of sound/) as unknown,
      'set/stray.wav': 'unsupported-type: is a sound that no metadata row names (audio_file_name)',
    });
    expect(pairs.paths).toEqual(['set/a.png', 'set/b.png', 'set/h.png', 'set/i.png', 'set/j.png']);
    expect(pairs.summary.rejected['silent-audio']).toBe(1);
    expect(pairs.summary.rejected['missing-audio']).toBe(1);
    const sounds = pairs.sounds!;
    // 0.2 s at 16 kHz whatever the file's rate; j has none.
    expect(sounds.slice(0, 4).map((s) => s?.length)).toEqual([3200, 3200, 3200, 3200]);
    expect(sounds[4]).toBeNull();
    // a.wav sample 4 is 0.5 sin(2 pi 440 * 4 / 16000) = 0.5 sin(0.69115) = 0.5 * 0.63742 = 0.31871.
    expect(fromInt16(sounds[0]!)[4]).toBeCloseTo(0.31871, 3);
    // Not every image has sound: the dataset has none (a column with holes would teach silence).
    expect(toDataset(pairs, { seed: 1 }).train.audio).toBeUndefined();
  });

  it('gives the dataset log-mel features of every sound when every image has one', async () => {
    const pairs = await decodeItems(parseImport(entries(false)), decoder);
    expect(pairs.size).toBe(4);
    const ds = toDataset(pairs, { seed: 1 });
    expect(ds.train.audio?.length).toBe(ds.train.size * AUDIO_LENGTH);
    expect(ds.eval.audio?.length).toBe(ds.eval.size * AUDIO_LENGTH);
    const row = ds.sourceRows.eval[0];
    expect(ds.eval.audio!.subarray(0, AUDIO_LENGTH)).toEqual(
      logMelSpectrogram(fromInt16(pairs.sounds![row]!)),
    );
  });

  it('leaves imports without sound as they were', async () => {
    const pairs = await decodeItems(
      parseImport([
        { path: 'x/one.png', bytes: png(1) },
        { path: 'x/two.png', bytes: png(2) },
      ]),
      decoder,
    );
    expect(pairs.size).toBe(2);
    expect(pairs.sounds).toBeUndefined();
  });
});
