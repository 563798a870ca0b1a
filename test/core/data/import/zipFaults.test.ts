/**
 * Damaged archives as they arrive in practice: a download cut short (before or inside the metadata that
 * ends it, or inside the directory after every file), a damaged central directory, and bytes that are
 * not a zip at all under a .zip name. Each bad zip is built here from a good one.
 */
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'fflate';
import { parseImport } from '../../../../src/core/data/import';
import type { ImportResult } from '../../../../src/core/data/import';
import { makePng, strToU8, zipSync } from './fixtures';

const N = 5;
const line = (i: number) => JSON.stringify({ file_name: `img${i}.png`, text: `caption ${i}` });
const METADATA = Array.from({ length: N }, (_, i) => `${line(i)}\n`).join('');

/** Five distinct images, then metadata.jsonl last (as zip tools write it after the folder's images). */
function archive(): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < N; i++) files[`img${i}.png`] = makePng(4, 4, () => [i * 40, 0, 0, 255]);
  files['metadata.jsonl'] = strToU8(METADATA);
  return zipSync(files, { level: 0 });
}

/** Offsets of a 4-byte zip signature 'PK c d' in the bytes. */
function offsets(bytes: Uint8Array, c: number, d: number): number[] {
  const out: number[] = [];
  for (let i = 0; i + 3 < bytes.length; i++)
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === c && bytes[i + 3] === d) out.push(i);
  return out;
}

const sources = (r: ImportResult) =>
  Object.fromEntries(
    r.items.map((i) => [i.path.replace('p.zip/', ''), `${i.captionSource}: ${i.captions[0]}`]),
  );
const parse = (bytes: Uint8Array) => parseImport([{ path: 'p.zip', bytes }]);

describe('an archive cut short', () => {
  const zip = archive();
  const [metadataHeader] = offsets(zip, 3, 4).slice(-1) as [number];

  it('before its metadata: keeps the images and says their captions fell back to file names', () => {
    const result = parse(zip.subarray(0, metadataHeader + 10));
    expect(sources(result)).toEqual({
      'img0.png': 'filename: img0',
      'img1.png': 'filename: img1',
      'img2.png': 'filename: img2',
      'img3.png': 'filename: img3',
      'img4.png': 'filename: img4',
    });
    expect(result.rejected).toEqual([
      {
        path: 'p.zip',
        reason: 'truncated',
        detail:
          `is cut short: it stops after ${(metadataHeader + 10).toLocaleString('en-US')} bytes without the ` +
          'directory that ends every zip, so any files after the cut are lost; 5 files before it were kept; ' +
          "no metadata file survived the cut: 5 captions fell back to file names ('img0.png', 'img1.png', 'img2.png', …)",
      },
    ]);
  });

  it('inside its metadata: reads the complete lines and names the captions that fell back', () => {
    // Cut in the middle of the fourth line: lines 1-3 are whole, images 3 and 4 lose their captions.
    const text = zip.indexOf(0x7b, metadataHeader); // the first '{' of the metadata's bytes
    const cut = text + (line(0).length + 1) * 3 + 10;
    const result = parse(zip.subarray(0, cut));
    expect(sources(result)).toEqual({
      'img0.png': 'metadata: caption 0',
      'img1.png': 'metadata: caption 1',
      'img2.png': 'metadata: caption 2',
      'img3.png': 'filename: img3',
      'img4.png': 'filename: img4',
    });
    const kept = (line(0).length + 1) * 3;
    expect(result.rejected.map((r) => [r.path, r.reason, r.detail])).toEqual([
      [
        'p.zip',
        'truncated',
        `is cut short: it stops after ${cut.toLocaleString('en-US')} bytes without the directory that ends ` +
          'every zip, so any files after the cut are lost; 6 files before it were kept; its metadata.jsonl ' +
          "was cut off: 2 captions fell back to file names ('img3.png', 'img4.png')",
      ],
      [
        'p.zip/metadata.jsonl',
        'truncated',
        `is cut off: the archive ends inside it; its complete lines up to the cut (${kept} bytes) were read`,
      ],
    ]);
  });

  it('inside the directory after every file: nothing is lost, and a note says what happened', () => {
    const [, second] = offsets(zip, 1, 2) as [number, number];
    const result = parse(zip.subarray(0, second + 5));
    expect(Object.values(sources(result)).every((s) => s.startsWith('metadata:'))).toBe(true);
    expect(result.items).toHaveLength(N);
    expect(result.rejected).toEqual([]);
    expect(result.notes).toEqual([
      {
        path: 'p.zip',
        note: 'is cut short inside its central directory (the index at its end), after every file: the 6 files were read from their own headers',
      },
    ]);
  });
});

describe('a damaged central directory', () => {
  const zip = archive();
  const [directory] = offsets(zip, 1, 2) as [number];
  const [end] = offsets(zip, 5, 6) as [number];

  it('recovers every entry from its local header and names the damage', () => {
    const damaged = zip.slice();
    for (let i = directory; i < end; i++) damaged[i] = (i * 7) & 255;
    const result = parse(damaged);
    expect(result.items).toHaveLength(N);
    expect(sources(result)['img4.png']).toBe('metadata: caption 4');
    expect(result.rejected).toEqual([]);
    expect(result.notes).toEqual([
      {
        path: 'p.zip',
        note: 'its central directory (the index at its end) is damaged: entry 1 of the 6 it lists is unreadable; the 6 files were read from their own headers instead',
      },
    ]);
  });

  it('notes an end record that counts other entries than the archive holds', () => {
    const miscounted = zip.slice();
    miscounted[end + 10] = 4; // entries in the directory: 4 instead of 6
    const result = parse(miscounted);
    expect(result.items).toHaveLength(N);
    expect(result.notes.map((n) => n.note)).toEqual([
      'its central directory (the index at its end) is damaged: it lists 4 entries where the archive holds 6; the 6 files were read from their own headers instead',
    ]);
  });

  it('leaves an intact archive without notes or rejections', () => {
    const result = parse(zip);
    expect(result.items).toHaveLength(N);
    expect(result.rejected).toEqual([]);
    expect(result.notes).toEqual([]);
  });
});

describe('a file named .zip that is not one', () => {
  it('is reported as not a zip archive, not as an unrecognised image', () => {
    let x = 12345;
    const random = Uint8Array.from(
      { length: 4096 },
      () => ((x = (x * 1103515245 + 12345) >>> 0) >>> 24) & 255,
    );
    random[0] = 0x13; // not 'P', whatever the generator gave
    const result = parseImport([
      { path: 'random.zip', bytes: random },
      { path: 'packed.zip', bytes: gzipSync(strToU8('hello')) },
    ]);
    expect(result.items).toEqual([]);
    expect(result.rejected).toEqual([
      {
        path: 'packed.zip',
        reason: 'unsupported-type',
        detail: 'is not a zip archive: it does not begin with a zip signature (it is a gzip file)',
      },
      {
        path: 'random.zip',
        reason: 'unsupported-type',
        detail:
          'is not a zip archive: it does not begin with a zip signature (nor any file type the importer knows)',
      },
    ]);
  });
});
