import { describe, expect, it } from 'vitest';
import { csvCell, tsvCell } from '../../../src/core/export/tsv';
import { metricsCsv } from '../../../src/core/export/metricsCsv';

describe('metricsCsv', () => {
  it('flattens nested metrics into dotted columns, one row per evaluation', () => {
    const csv = metricsCsv([
      {
        step: 0,
        loss: 4.1,
        pairsPerSecond: 0,
        metrics: { gap: 1.2, seen: { i2t: { r1: 0.1 } } },
        scalars: {},
      },
      {
        step: 25,
        loss: 2.5,
        pairsPerSecond: 900,
        metrics: { gap: 0.4, seen: { i2t: { r1: 0.5 } } },
        scalars: { temperature: 0.07 },
        extra: { accuracy: { shape: 0.9 }, matrix: [1, 2], ok: true },
      },
    ]);
    expect(csv).toBe(
      'step,loss,pairsPerSecond,gap,seen.i2t.r1,scalars.temperature,extra.accuracy.shape,extra.ok\n' +
        '0,4.1,0,1.2,0.1,,,\n' +
        '25,2.5,900,0.4,0.5,0.07,0.9,1\n',
    );
  });

  it('writes a header even with no rows, and leaves non-finite values empty', () => {
    expect(metricsCsv([])).toBe('step,loss,pairsPerSecond\n');
    expect(metricsCsv([{ step: 1, loss: NaN, metrics: {} }])).toBe('step,loss,pairsPerSecond\n1,,\n');
  });
});

describe('cells', () => {
  it('quotes CSV cells that need it and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-0.5)).toBe('-0.5');
  });

  it('keeps TSV cells on one line and in one column', () => {
    expect(tsvCell(' a\tb\r\nc\u0000d ')).toBe('a b c d');
  });
});
