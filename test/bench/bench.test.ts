/**
 * The bench's own logic (medians, goals, the table with the PyTorch ratio) and a tiny smoke run of its
 * Node training child. The bench itself (`npm run bench`) is not part of the tests: it takes many minutes.
 */
import { describe, expect, it } from 'vitest';
import { figure, formatNumber, summarise, type Section } from '../../bench/lib/figures';
import { renderMarkdown, type Results } from '../../bench/lib/report';
import { runJsonLines, TSX } from '../../bench/lib/child';
import type { TrainResult } from '../../bench/node/trainNode';

const machine = { cpu: 'test cpu', cores: 2, loadBefore: 0.5, loadAfter: 0.7, node: 'v20' };
const section = (id: Section['id'], figures: Section['figures']): Section => ({
  id,
  title: id,
  ranAt: '2026-01-02T03:04:05.000Z',
  machine,
  figures,
  notes: [],
});

describe('bench figures', () => {
  it('summarises runs as median (upper for an even count), min and max', () => {
    expect(summarise([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3, n: 3 });
    expect(summarise([4, 1, 3, 2])).toEqual({ median: 3, min: 1, max: 4, n: 4 });
    expect(summarise([]).n).toBe(0);
    expect(Number.isNaN(summarise([]).median)).toBe(true);
  });

  it('checks a goal against the median', () => {
    const under = { text: '< 15 s', test: (m: number) => m < 15 };
    expect(figure({ name: 't', unit: 's', values: [20, 12, 14] }, under).meets).toBe(true);
    expect(figure({ name: 't', unit: 's', values: [20, 16, 14] }, under).meets).toBe(false);
    expect(figure({ name: 't', unit: 's', values: [] }, under).meets).toBe(false);
  });

  it('formats numbers to about three significant digits', () => {
    expect(formatNumber(8765.4)).toBe('8,765');
    expect(formatNumber(12.345)).toBe('12.3');
    expect(formatNumber(1.2345)).toBe('1.23');
    expect(formatNumber(NaN)).toBe('–');
  });

  it('puts the ratio to the PyTorch peer beside the default model and in the summary', () => {
    const results: Results = {
      torch: section('torch', [
        { name: 'PyTorch CPU · 2 threads', unit: 'pairs/s', values: [4000, 4200, 3900] },
        { name: 'PyTorch CPU · 1 thread', unit: 'pairs/s', values: [3000] },
      ]),
      'browser-train': section('browser-train', [
        { name: 'coordinated · wasm', unit: 'pairs/s', values: [2000, 2100, 1900] },
        { name: 'coordinated · webgl', unit: 'pairs/s', values: [500] },
        { name: 'joint · wasm', unit: 'pairs/s', values: [900] },
      ]),
    };
    const md = renderMarkdown(results);
    expect(md).toContain('| coordinated · wasm | 2,000 | 1,900 | 2,100 | 3 | pairs/s | ×0.50 of PyTorch |');
    expect(md).toMatch(/\| joint · wasm \| 900 .*\| pairs\/s \| {2}\|/);
    expect(md).toContain('wasm 2,000 pairs/s = ×0.50 of 4,000 pairs/s');
  });
});

describe('bench smoke run', () => {
  it('trains the default model for a step on WASM in a child process and reports pairs per second', async () => {
    const { lines, code } = await runJsonLines<TrainResult>(
      TSX,
      [
        'bench/node/trainNode.ts',
        '--backend',
        'wasm',
        '--frameworks',
        'coordinated',
        '--runs',
        '1',
        '--seconds',
        '0',
        '--min-steps',
        '1',
        '--warmup',
        '1',
      ],
      { timeoutMs: 120_000 },
    );
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0].error).toBeUndefined();
    expect(lines[0].runs[0].pairsPerSecond).toBeGreaterThan(0);
  }, 120_000);
});
