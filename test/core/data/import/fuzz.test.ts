/**
 * Hundreds of malformed inputs against the import parsers: nothing throws, every bad item is reported
 * by name with a reason, every good item is kept with its captions, and no kept caption carries markup,
 * control characters or more than the length limit.
 */
import { describe, expect, it } from 'vitest';
import { Zip, ZipDeflate, deflateSync } from 'fflate';
import { createRng } from '../../../../src/core/random/rng';
import {
  parseImport,
  type ImportEntry,
  type ImportResult,
  type RejectReason,
} from '../../../../src/core/data/import';
import { makeJpeg, makePng, pngHeaderOnly, strToU8, text, webpHeader, zipSync } from './fixtures';

const rng = createRng(7);
const randomBytes = (n: number) => Uint8Array.from({ length: n }, () => rng.int(256));
const LIMIT = 500;

/** Every path a result accounts for: kept, rejected, read as captions, or noted. */
function accounted(result: ImportResult): Set<string> {
  return new Set([
    ...result.items.map((i) => i.path),
    ...result.rejected.map((r) => r.path),
    ...result.captionFiles,
    ...result.notes.map((n) => n.path),
  ]);
}

function expectCleanCaptions(result: ImportResult): void {
  for (const item of result.items) {
    expect(item.captions.length).toBeGreaterThan(0);
    for (const c of item.captions) {
      expect(c.length).toBeGreaterThan(0);
      expect(Array.from(c).length).toBeLessThanOrEqual(LIMIT);
      expect(c).not.toMatch(/<\/?[a-z!][^>]*>/i);
      // eslint-disable-next-line no-control-regex
      expect(c).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
      expect(c).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      expect(c).toBe(c.trim());
    }
  }
}

/** Good images with distinct bytes, captioned by their file names: they must all survive. */
function goodImages(n: number, prefix: string): ImportEntry[] {
  return Array.from({ length: n }, (_, i) => ({
    path: `${prefix}/good_${i}_item.png`,
    bytes: makePng(3, 3, (x, y) => [i, x * 40, y * 40, 255]),
  }));
}

function expectGoodKept(result: ImportResult, good: readonly ImportEntry[]): void {
  const kept = new Map(result.items.map((i) => [i.path, i.captions]));
  for (const g of good) expect(kept.get(g.path), g.path).toEqual([`good ${g.path.split('_')[1]} item`]);
}

describe('import fuzzing', () => {
  it('survives hundreds of malformed files and reports each by name', () => {
    const bad: { entry: ImportEntry; reasons: RejectReason[] }[] = [];
    const add = (path: string, bytes: Uint8Array, ...reasons: RejectReason[]) =>
      bad.push({ entry: { path, bytes }, reasons });
    const exts = ['png', 'jpg', 'gif', 'webp', 'bmp', 'svg', 'bin', 'heic', ''];
    for (let i = 0; i < 200; i++)
      add(
        `random/r${i}.${exts[i % exts.length]}`,
        randomBytes(rng.int(3000)),
        'unsupported-type',
        'empty-file',
      );
    const png = makePng(16, 16, (x, y) => [x * 16, y * 16, 128, 255]);
    const jpg = makeJpeg(16, 16);
    for (let i = 0; i < 80; i++)
      add(
        `cut/p${i}.png`,
        png.subarray(0, rng.int(png.length - 12)),
        'truncated',
        'unsupported-type',
        'empty-file',
      );
    for (let i = 0; i < 80; i++)
      add(
        `cut/j${i}.jpg`,
        jpg.subarray(0, rng.int(jpg.length - 2)),
        'truncated',
        'undecodable',
        'unsupported-type',
        'empty-file',
      );
    for (let i = 0; i < 20; i++) add(`zero/z${i}.${exts[i % exts.length]}`, new Uint8Array(0), 'empty-file');
    for (let i = 0; i < 20; i++) {
      const side = 9000 + rng.int(60000);
      add(`huge/h${i}.png`, pngHeaderOnly(side, 1 + rng.int(side)), 'too-many-pixels');
    }
    for (let i = 0; i < 10; i++) add(`huge/w${i}.webp`, webpHeader(9000 + i, 9000), 'too-many-pixels');
    const hugeJpeg = jpg.slice();
    const sof = hugeJpeg.findIndex((b, k) => b === 0xff && hugeJpeg[k + 1] === 0xc0);
    hugeJpeg.set([0xff, 0xff, 0xff, 0xff], sof + 5);
    add('huge/j.jpg', hugeJpeg, 'too-many-pixels');
    add('markup/script.png', text('<script>alert("x")</script>'), 'unsupported-type');
    add(
      'broken/bad-utf8.txt',
      Uint8Array.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1]),
      'unsupported-type',
    );

    const good = goodImages(40, 'good');
    const entries = rng.shuffle([...bad.map((b) => b.entry), ...good]);
    expect(entries.length).toBeGreaterThan(400);
    const result = parseImport(entries);
    const byPath = new Map(result.rejected.map((r) => [r.path, r]));
    for (const { entry, reasons } of bad) {
      const r = byPath.get(entry.path);
      expect(r, entry.path).toBeDefined();
      expect(reasons, `${entry.path}: ${r?.reason} ${r?.detail}`).toContain(r?.reason);
      expect(r?.detail.length).toBeGreaterThan(5);
    }
    expectGoodKept(result, good);
    expect(result.items).toHaveLength(good.length);
    expect(result.summary.rejectedTotal).toBe(bad.length);
    expectCleanCaptions(result);
  });

  it('cleans hostile captions and keeps their images', () => {
    const nasty = [
      'x'.repeat(100_000),
      `${'word '.repeat(30_000)}end`,
      '<b>bold</b> <script>steal()</script>cat <img src=x onerror=alert(1)>',
      'tab\there\u0000nul\u0007bell\u001b[31mred\u202eevil\u200b',
      '&lt;i&gt;escaped&lt;/i&gt; &amp; &#x1F600; &#0; &#xD800;',
      '\ud800 lone surrogate \udc00',
      '<!-- comment --> plain <style>p{}</style> text',
      '   \n\r\n  ',
    ];
    const entries: ImportEntry[] = nasty.map((_, i) => ({
      path: `n/${i}.png`,
      bytes: makePng(2, 2, () => [i * 30, 0, 0, 255]),
    }));
    const lines = nasty.map((t, i) => JSON.stringify({ file_name: `${i}.png`, text: t }));
    entries.push({ path: 'n/metadata.jsonl', bytes: text(`${lines.join('\n')}\n`) });
    // Broken UTF-8 in a sidecar, decoded with replacement characters.
    entries.push({ path: 's/u.png', bytes: makePng(2, 2, () => [0, 9, 9, 255]) });
    entries.push({
      path: 's/u.txt',
      bytes: Uint8Array.from([0x63, 0x61, 0x74, 0x20, 0xc3, 0x28, 0xff, 0x20, 0x64]),
    });
    const result = parseImport(entries);
    expectCleanCaptions(result);
    const caps = Object.fromEntries(result.items.map((i) => [i.path, i.captions[0]]));
    expect(caps['n/0.png']).toHaveLength(LIMIT);
    expect(caps['n/2.png']).toBe('bold cat');
    expect(caps['n/3.png']).toBe('tab herenulbell[31mredevil');
    expect(caps['n/4.png']).toBe('escaped & 😀 \uFFFD \uFFFD');
    expect(caps['n/5.png']).toBe('\uFFFD lone surrogate \uFFFD');
    expect(caps['n/6.png']).toBe('plain text');
    expect(caps['s/u.png']).toBe('cat \uFFFD(\uFFFD d');
    expect(result.rejected.map((r) => [r.path, r.reason])).toEqual([['n/7.png', 'empty-caption']]);
    expect(result.notes.map((n) => n.path).sort()).toEqual(['n/0.png', 'n/1.png']);
  });

  it('reports broken CSV and JSONL lines and keeps the good rows', () => {
    const csv = 'file_name,text\na.png,"unclosed quote\nb.png,fine\n,no name\nc.png\n';
    const jsonl =
      '{"file_name":"d.png","text":"good"}\n{broken\n[1,2]\n{"text":"no name"}\n{"file_name":"e.png"}\nnull\n';
    const images = ['a', 'b', 'c'].map((n, i) => ({
      path: `csv/${n}.png`,
      bytes: makePng(2, 2, () => [i, 1, 2, 255]),
    }));
    const more = ['d', 'e'].map((n, i) => ({
      path: `jl/${n}.png`,
      bytes: makePng(2, 2, () => [i, 7, 7, 255]),
    }));
    const result = parseImport([
      { path: 'csv/metadata.csv', bytes: text(csv) },
      { path: 'jl/metadata.jsonl', bytes: text(jsonl) },
      ...images,
      ...more,
    ]);
    expect(result.items.map((i) => [i.path, i.captions])).toEqual([['jl/d.png', ['good']]]);
    expect(result.rejected.find((r) => r.path === 'csv/metadata.csv:2')?.detail).toBe(
      'could not be read: Quoted field unterminated',
    );
    const reasons = result.rejected.map((r) => `${r.path} ${r.reason}`);
    for (const path of [
      'jl/metadata.jsonl:2',
      'jl/metadata.jsonl:3',
      'jl/metadata.jsonl:4',
      'jl/metadata.jsonl:5',
      'jl/metadata.jsonl:6',
    ]) {
      expect(reasons).toContain(`${path} bad-metadata`);
    }
    // papaparse reads the unclosed quote to the end: the CSV's images are reported, none silently lost.
    for (const img of [...images, more[1]]) expect(accounted(result).has(img.path), img.path).toBe(true);
    expect(reasons.some((r) => r.startsWith('csv/metadata.csv:'))).toBe(true);
  });

  it('rejects zip bombs, zip slip and clutter in archives, and keeps the good entries', () => {
    const zeros = new Uint8Array(3 * 1024 * 1024);
    const good = goodImages(5, 'z');
    const files: Record<string, Uint8Array> = {
      'bomb.png': zeros,
      '../evil.png': makePng(2, 2),
      'a/../../evil2.png': makePng(2, 2, () => [1, 2, 3, 255]),
      '/abs.png': makePng(2, 2, () => [4, 2, 3, 255]),
      'C:/win.png': makePng(2, 2, () => [5, 2, 3, 255]),
      '__MACOSX/z/._x.png': text('junk'),
      'z/.hidden.png': makePng(2, 2, () => [6, 2, 3, 255]),
      'inner.zip': zipSync({ 'x.png': makePng(2, 2) }),
    };
    for (const g of good) files[g.path] = g.bytes;
    const zip = zipSync(files, { level: 6 });
    const limits = { maxZipEntryBytes: 2 * 1024 * 1024 };
    const result = parseImport([{ path: 'up.zip', bytes: zip }], { limits });
    const reasons = Object.fromEntries(result.rejected.map((r) => [r.path, r.reason]));
    expect(reasons).toEqual({
      'up.zip/bomb.png': 'decompression-bomb',
      'up.zip/../evil.png': 'unsafe-path',
      'up.zip/a/../../evil2.png': 'unsafe-path',
      'up.zip//abs.png': 'unsafe-path',
      'up.zip/C:/win.png': 'unsafe-path',
      'up.zip/__MACOSX/z/._x.png': 'hidden-file',
      'up.zip/z/.hidden.png': 'hidden-file',
      'up.zip/inner.zip': 'unsupported-type',
    });
    expectGoodKept(
      { ...result, items: result.items.map((i) => ({ ...i, path: i.path.replace('up.zip/', '') })) },
      good,
    );
  });

  it('stops entries that lie about their size, stream without sizes, or add up past the total', () => {
    // A streamed archive has no sizes in its local headers, so only counting while inflating can stop it.
    const chunks: Uint8Array[] = [];
    const zip = new Zip((err, data) => {
      if (err) throw err;
      chunks.push(data);
    });
    const add = (name: string, bytes: Uint8Array) => {
      const f = new ZipDeflate(name, { level: 6 });
      zip.add(f);
      f.push(bytes, true);
    };
    add('ok_image.png', makePng(2, 2));
    add('streamed-bomb.png', new Uint8Array(3 * 1024 * 1024));
    for (let i = 0; i < 6; i++) add(`part${i}.bin`, new Uint8Array(900 * 1024).fill(i + 1));
    add(
      'late_image.png',
      makePng(2, 2, () => [9, 9, 9, 255]),
    );
    zip.end();
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    chunks.reduce((at, c) => (bytes.set(c, at), at + c.length), 0);
    const limits = { maxZipEntryBytes: 2 * 1024 * 1024, maxZipTotalBytes: 4 * 1024 * 1024 };
    const result = parseImport([{ path: 's.zip', bytes }], { limits });
    const reasons = Object.fromEntries(result.rejected.map((r) => [r.path, r.reason]));
    expect(reasons['s.zip/streamed-bomb.png']).toBe('decompression-bomb');
    // Once the archive has expanded past its total, nothing more is extracted from it.
    expect(reasons['s.zip/late_image.png']).toBe('decompression-bomb');
    expect(Object.values(reasons).filter((r) => r === 'decompression-bomb').length).toBeGreaterThanOrEqual(2);
    expect(result.items.map((i) => i.path)).toEqual(['s.zip/ok_image.png']);

    // An entry whose header declares 100 bytes but which inflates to 3 MB.
    const liar = zipSync({ 'liar.png': new Uint8Array(3 * 1024 * 1024) });
    const view = new DataView(liar.buffer);
    view.setUint32(22, 100, true); // local header: uncompressed size
    const lied = parseImport([{ path: 'l.zip', bytes: liar }]);
    expect(lied.rejected.map((r) => [r.path, r.reason])).toEqual([['l.zip/liar.png', 'decompression-bomb']]);
  });

  it('survives damaged archives: every cut point, random bytes after a zip signature', () => {
    const good = goodImages(4, 'd');
    const zip = zipSync(Object.fromEntries(good.map((g) => [g.path, g.bytes])), { level: 0 });
    for (let i = 0; i < 60; i++) {
      const cut = rng.int(zip.length);
      const result = parseImport([{ path: 'cut.zip', bytes: zip.subarray(0, cut) }]);
      expect(result.items.length + result.rejected.length).toBeGreaterThanOrEqual(0);
      expectCleanCaptions(result);
    }
    for (let i = 0; i < 40; i++) {
      const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...randomBytes(rng.int(400))]);
      const result = parseImport([{ path: `rand${i}.zip`, bytes }]);
      expect(accounted(result).size + result.items.length).toBeGreaterThanOrEqual(0);
    }
    // Deflate streams that are not deflate.
    const garbage = zipSync({ 'x.png': deflateSync(randomBytes(100)) });
    expect(() => parseImport([{ path: 'g.zip', bytes: garbage }])).not.toThrow();
  });

  it('never throws on inputs that are not even entries', () => {
    const weird = [null, undefined, 42, 'str', {}, { path: 5, bytes: 'x' }, { path: 'p.png', bytes: [1, 2] }];
    const result = parseImport(weird as unknown as ImportEntry[]);
    expect(result.items).toEqual([]);
    expect(result.rejected).toHaveLength(weird.length);
    expect(() => parseImport(null as unknown as ImportEntry[])).not.toThrow();
    expect(parseImport([{ path: 'ok.png', bytes: strToU8('') }]).rejected[0]?.reason).toBe('empty-file');
  });
});
