import { describe, expect, it } from 'vitest';
import {
  datasetName,
  formatReport,
  parseImport,
  summaryLine,
  toDataset,
  summarise,
} from '../../../../src/core/data/import';
import { IMAGE_LENGTH } from '../../../../src/core/data/pairs';
import { makePng, text } from './fixtures';

/** 5 images dropped out of a folder whose metadata.jsonl lists 30, plus one broken file. */
function partialDrop() {
  const rows = Array.from({ length: 30 }, (_, i) =>
    JSON.stringify({ file_name: `${i + 1}.png`, text: `picture number ${i + 1}` }),
  );
  return parseImport([
    { path: 'metadata.jsonl', bytes: text(rows.join('\n')) },
    ...[1, 2, 3, 4, 5].map((i) => ({ path: `${i}.png`, bytes: makePng(4, 4, () => [i * 40, 0, 0, 255]) })),
    { path: '6.png', bytes: Uint8Array.from([0x89, 0x50, 0x4e, 0x47]) },
  ]);
}

describe('a partial drop', () => {
  it('reports metadata rows whose image was not dropped apart from the rejections', () => {
    const result = partialDrop();
    expect(result.summary.images).toBe(5);
    expect(result.rejected.map((r) => r.path)).toEqual(['6.png']);
    expect(result.summary.rejectedTotal).toBe(1);
    expect(result.summary.notDropped).toBe(24);
    expect(result.notDropped[0]).toEqual({ path: 'metadata.jsonl:7', file: '7.png', rows: 1 });
    expect(summaryLine(result.summary)).toMatch(/rejected 1 \(.*\); 24 listed in metadata but not dropped/);
    expect(formatReport(result)).toContain(
      "not dropped metadata.jsonl:7: lists '7.png', which was not among the files",
    );
  });

  it('sorts its lists naturally: metadata.jsonl:9 before :10', () => {
    const paths = partialDrop().notDropped.map((m) => m.path);
    expect(paths.slice(0, 5)).toEqual([
      'metadata.jsonl:7',
      'metadata.jsonl:8',
      'metadata.jsonl:9',
      'metadata.jsonl:10',
      'metadata.jsonl:11',
    ]);
    const broken = parseImport(
      [2, 10, 1].map((i) => ({ path: `img${i}.png`, bytes: new Uint8Array(0) })),
    ).rejected.map((r) => r.path);
    expect(broken).toEqual(['img1.png', 'img2.png', 'img10.png']);
  });
});

describe('dataset names', () => {
  it('names a dataset after its folder or zip', () => {
    expect(datasetName(['pets/a.png', 'pets/b/c.png'])).toBe('pets');
    expect(datasetName(['photos.zip'])).toBe('photos');
    expect(datasetName(['Holiday 2024.ZIP'])).toBe('Holiday 2024');
    expect(datasetName(['cats/a.png', 'dogs/b.png'])).toBe('cats and dogs');
    expect(datasetName(['a/1.png', 'b/1.png', 'c.zip'])).toBe('a and 2 more');
    expect(datasetName(['pets/a.png', 'metadata.csv'])).toBe('pets and 1 file');
  });

  it('counts loose files rather than naming the set after the first', () => {
    expect(datasetName(['01_small_red_square.png', ...Array.from({ length: 7 }, (_, i) => `${i}.png`)])).toBe(
      '8 files',
    );
  });
});

describe('the evaluation share', () => {
  const n = 30;
  const data = {
    size: n,
    images: new Uint8Array(n * IMAGE_LENGTH),
    captions: Array.from({ length: n }, (_, i) => [`caption ${i}`]),
    paths: Array.from({ length: n }, (_, i) => `p/${i}.png`),
    rejected: [],
    notDropped: [],
    summary: summarise([], []),
  };

  it('holds out the share the user sets (30 pairs: 0.2 → 6, 0.5 → 15)', () => {
    expect(toDataset(data, { seed: 1 }).eval.size).toBe(6);
    expect(toDataset(data, { seed: 1, evalFraction: 0.5 }).eval.size).toBe(15);
    expect(toDataset(data, { seed: 1, evalFraction: 0.5 }).train.size).toBe(15);
  });
});
