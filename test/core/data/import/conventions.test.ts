import { describe, expect, it } from 'vitest';
import {
  parseImport,
  formatReport,
  type ImportEntry,
  type ImportResult,
} from '../../../../src/core/data/import';
import {
  GIF_1x1,
  SVG,
  makeBmp,
  makeJpeg,
  makePng,
  pngHeaderOnly,
  text,
  webpHeader,
  zipSync,
} from './fixtures';

const red = makePng(4, 4);
const blue = makePng(4, 4, () => [0, 0, 255, 255]);
const green = makePng(4, 4, () => [0, 255, 0, 255]);

function captionsOf(result: ImportResult): Record<string, readonly string[]> {
  return Object.fromEntries(result.items.map((i) => [i.path, i.captions]));
}
function reasonsOf(result: ImportResult): Record<string, string> {
  return Object.fromEntries(result.rejected.map((r) => [r.path, r.reason]));
}

describe('caption conventions', () => {
  it('reads metadata.jsonl, with several rows and a text array giving several captions', () => {
    const result = parseImport([
      {
        path: 'set/metadata.jsonl',
        bytes: text(
          '{"file_name": "a.png", "text": "a red square"}\n' +
            '{"file_name": "a.png", "text": "crimson block"}\n' +
            '{"file_name": "sub/b.png", "text": ["blue one", "azure tile"]}\n',
        ),
      },
      { path: 'set/a.png', bytes: red },
      { path: 'set/sub/b.png', bytes: blue },
    ]);
    expect(captionsOf(result)).toEqual({
      'set/a.png': ['a red square', 'crimson block'],
      'set/sub/b.png': ['blue one', 'azure tile'],
    });
    expect(result.items.every((i) => i.captionSource === 'metadata')).toBe(true);
    expect(result.summary).toMatchObject({ images: 2, captions: 4, pairs: 4, rejectedTotal: 0 });
    expect(result.captionFiles).toEqual(['set/metadata.jsonl']);
  });

  it('reads metadata.csv with quoted commas, a BOM and a caption alias, and reports rows naming absent files', () => {
    const csv = '\uFEFFfile_name,text\na.png,"red, square"\nb.png,blue\nmissing.png,ghost\n';
    const result = parseImport([
      { path: 'metadata.csv', bytes: text(csv) },
      { path: 'a.png', bytes: red },
      { path: 'b.png', bytes: blue },
    ]);
    expect(captionsOf(result)).toEqual({ 'a.png': ['red, square'], 'b.png': ['blue'] });
    expect(result.rejected).toEqual([]);
    expect(result.notDropped).toEqual([{ path: 'metadata.csv:4', file: 'missing.png', rows: 1 }]);
    const alias = parseImport([
      { path: 'metadata.csv', bytes: text('file_name,caption\na.png,scarlet\n') },
      { path: 'a.png', bytes: red },
    ]);
    expect(captionsOf(alias)).toEqual({ 'a.png': ['scarlet'] });
  });

  it('reads a sidecar .txt with one caption per non-empty line', () => {
    const result = parseImport([
      { path: 'cats/tom.jpg', bytes: makeJpeg(8, 8) },
      { path: 'cats/tom.txt', bytes: text('a grey cat\r\n\n  sleeping cat  \n') },
    ]);
    expect(captionsOf(result)).toEqual({ 'cats/tom.jpg': ['a grey cat', 'sleeping cat'] });
    expect(result.items[0]).toMatchObject({
      mime: 'image/jpeg',
      width: 8,
      height: 8,
      captionSource: 'sidecar',
    });
    expect(result.captionFiles).toEqual(['cats/tom.txt']);
  });

  it('falls back to the file name', () => {
    const result = parseImport([
      { path: 'red_circle-2.png', bytes: red },
      { path: 'BigDog (1).png', bytes: blue },
      { path: '0001.png', bytes: green },
    ]);
    expect(captionsOf(result)).toEqual({ 'BigDog (1).png': ['big dog'], 'red_circle-2.png': ['red circle'] });
    expect(result.rejected).toEqual([
      {
        path: '0001.png',
        reason: 'missing-caption',
        detail: 'has no metadata row, no .txt caption, and no words in its file name',
      },
    ]);
  });

  it('prefers metadata over a sidecar over the file name, and never guesses under a metadata file', () => {
    const result = parseImport([
      { path: 'metadata.jsonl', bytes: text('{"file_name":"a.png","text":"from metadata"}\n') },
      { path: 'a.png', bytes: red },
      { path: 'a.txt', bytes: text('from sidecar') },
      { path: 'b.png', bytes: blue },
      { path: 'b.txt', bytes: text('b from sidecar') },
      { path: 'c_file.png', bytes: green },
    ]);
    expect(captionsOf(result)).toEqual({ 'a.png': ['from metadata'], 'b.png': ['b from sidecar'] });
    expect(reasonsOf(result)).toEqual({ 'c_file.png': 'missing-caption' });
    expect(result.notes).toEqual([
      { path: 'a.txt', note: "not read: the captions of 'a.png' come from metadata.jsonl" },
    ]);
  });

  it('rejects empty captions with a specific reason', () => {
    const result = parseImport([
      { path: 'metadata.jsonl', bytes: text('{"file_name":"a.png","text":"  <b></b> "}\n') },
      { path: 'a.png', bytes: red },
      { path: 'x/b.png', bytes: blue },
      { path: 'x/b.txt', bytes: text('\n \n') },
    ]);
    expect(result.items).toEqual([]);
    expect(reasonsOf(result)).toEqual({ 'a.png': 'empty-caption', 'x/b.png': 'empty-caption' });
  });
});

describe('image checks', () => {
  it('recognises all six types by their bytes, whatever the extension says', () => {
    const entries: ImportEntry[] = [
      { path: 'png.jpg', bytes: red },
      { path: 'jpeg.png', bytes: makeJpeg(3, 5) },
      { path: 'gif.gif', bytes: GIF_1x1 },
      { path: 'bmp.bmp', bytes: makeBmp(2, 3) },
      { path: 'webp.webp', bytes: webpHeader(7, 9) },
      { path: 'svg.svg', bytes: SVG },
    ];
    const result = parseImport(entries);
    expect(result.rejected).toEqual([]);
    expect(result.items.map((i) => [i.path, i.mime, i.width, i.height])).toEqual([
      ['bmp.bmp', 'image/bmp', 2, 3],
      ['gif.gif', 'image/gif', 1, 1],
      ['jpeg.png', 'image/jpeg', 3, 5],
      ['png.jpg', 'image/png', 4, 4],
      ['svg.svg', 'image/svg+xml', 10, 10],
      ['webp.webp', 'image/webp', 7, 9],
    ]);
  });

  it('names what unsupported files are', () => {
    const result = parseImport([
      { path: 'notes.md', bytes: text('# hello') },
      { path: 'photo.heic', bytes: Uint8Array.from([0, 0, 0, 24, ...text('ftypheic'), 0, 0, 0, 0]) },
      { path: 'fake.png', bytes: text('<html><script>alert(1)</script></html>') },
      { path: 'readme.txt', bytes: text('not a caption of anything') },
    ]);
    expect(result.rejected.map((r) => `${r.path} ${r.reason} ${r.detail}`)).toEqual([
      'fake.png unsupported-type is not a recognised image',
      'notes.md unsupported-type is not a recognised image',
      'photo.heic unsupported-type is a HEIC image',
      'readme.txt unsupported-type is a text file with no image of the same name',
    ]);
  });

  it('rejects empty, truncated, oversized and over-dimensioned images before decoding', () => {
    const png = makePng(16, 16);
    const result = parseImport(
      [
        { path: 'empty.png', bytes: new Uint8Array(0) },
        { path: 'cut.png', bytes: png.subarray(0, png.length - 20) },
        { path: 'header.png', bytes: png.subarray(0, 20) },
        { path: 'huge.png', bytes: pngHeaderOnly(20000, 20000) },
        { path: 'wide.png', bytes: pngHeaderOnly(9000, 10) },
        { path: 'big.png', bytes: png },
        { path: 'cut.jpg', bytes: makeJpeg(8, 8).subarray(0, 30) },
      ],
      { limits: { maxFileBytes: png.length - 1 } },
    );
    expect(reasonsOf(result)).toEqual({
      'big.png': 'too-large',
      'cut.jpg': 'truncated',
      'cut.png': 'truncated',
      'empty.png': 'empty-file',
      'header.png': 'truncated',
      'huge.png': 'too-many-pixels',
      'wide.png': 'too-many-pixels',
    });
    expect(result.rejected.find((r) => r.path === 'huge.png')?.detail).toBe(
      'declares 20000x20000 pixels (limit 8192 per side, 40000000 in all)',
    );
  });

  it('keeps one copy of identical images and gives it the duplicate’s captions', () => {
    const result = parseImport([
      { path: 'a/red.png', bytes: red },
      { path: 'b/crimson.png', bytes: red.slice() },
      { path: 'c/blue.png', bytes: blue },
    ]);
    expect(captionsOf(result)).toEqual({ 'a/red.png': ['red', 'crimson'], 'c/blue.png': ['blue'] });
    expect(result.rejected).toEqual([
      {
        path: 'b/crimson.png',
        reason: 'duplicate',
        detail: "has the same bytes as 'a/red.png'; its 1 new caption(s) were added there",
      },
    ]);
  });

  it('sets aside hidden files and macOS clutter', () => {
    const result = parseImport([
      { path: 'set/.DS_Store', bytes: text('x') },
      { path: 'set/._cat.png', bytes: red },
      { path: '__MACOSX/set/cat.png', bytes: red },
      { path: 'set/cat.png', bytes: red },
    ]);
    expect(captionsOf(result)).toEqual({ 'set/cat.png': ['cat'] });
    expect(Object.values(reasonsOf(result))).toEqual(['hidden-file', 'hidden-file', 'hidden-file']);
  });

  it('is the same whatever order the files come in', () => {
    const entries: ImportEntry[] = [
      { path: 'b.png', bytes: blue },
      { path: 'a.png', bytes: red },
      { path: 'c.png', bytes: green },
    ];
    const forward = parseImport(entries);
    const backward = parseImport([...entries].reverse());
    expect(backward.items.map((i) => i.path)).toEqual(forward.items.map((i) => i.path));
    expect(forward.items.map((i) => i.path)).toEqual(['a.png', 'b.png', 'c.png']);
  });
});

describe('zip archives', () => {
  it('expands a zip with its metadata, keeping the archive name in each path', () => {
    const zip = zipSync({
      'pairs/metadata.csv': text('file_name,text\nred.png,red thing\n'),
      'pairs/red.png': red,
      'pairs/blue.png': blue,
      'pairs/blue.txt': text('blue thing'),
      'pairs/empty/': new Uint8Array(0),
    });
    const result = parseImport([{ path: 'my.zip', bytes: zip }]);
    expect(captionsOf(result)).toEqual({
      'my.zip/pairs/blue.png': ['blue thing'],
      'my.zip/pairs/red.png': ['red thing'],
    });
    expect(result.rejected).toEqual([]);
  });
});

describe('report', () => {
  it('gives one line per rejected item and a summary line', () => {
    const result = parseImport([
      { path: 'ok.png', bytes: red },
      { path: 'empty.png', bytes: new Uint8Array(0) },
      { path: 'bad\nname.txt', bytes: text('x') },
    ]);
    expect(formatReport(result)).toEqual([
      'rejected bad?name.txt: unsafe path: has control characters in its name',
      'rejected empty.png: empty file: is empty (0 bytes)',
      'imported 1 images with 1 captions (1 pairs); rejected 2 (1 empty file, 1 unsafe path)',
    ]);
  });
});
