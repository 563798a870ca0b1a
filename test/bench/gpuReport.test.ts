import { describe, expect, it } from 'vitest';
import {
  GPU_SECTION_END,
  GPU_SECTION_START,
  renderGpuSection,
  spliceGpuSection,
  type GpuRun,
} from '../../bench/device/gpuReport';

const run: GpuRun = {
  ranAt: '2026-12-05T02:00:00.000Z',
  machine: 'NVIDIA H200, driver 580.159.04',
  adapter: 'nvidia hopper',
  fallbackAdapter: false,
  rows: [
    {
      framework: 'coordinated',
      batch: 1024,
      pairsPerSecond: [5900, 6138.4, 6200],
      msPerStep: 166.8,
      dispatches: 225,
      submits: 15.2,
      uploads: 70.2,
    },
  ],
  insight: { step: 75, seconds: 7.84, trainSeconds: 7.41 },
};

describe('bench/GPU.md generated part', () => {
  it('renders one row per framework and batch with the median window and the calls per step', () => {
    const md = renderGpuSection(run);
    expect(md.startsWith(GPU_SECTION_START)).toBe(true);
    expect(md).toContain('NVIDIA H200, driver 580.159.04; adapter nvidia hopper. Pairs per second');
    expect(md).toContain('| coordinated | 1,024 | 6,138 | 5,900–6,200 | 167 | 225 | 15.2 | 70.2 |');
    expect(md).toContain('step 75, 7.8 s (7.4 s of it training).');
  });

  it('replaces only the text between the markers, and appends when there are none', () => {
    const page = `# Title\n\nIntro.\n\n${GPU_SECTION_START}\nold\n${GPU_SECTION_END}\n\n## Earlier\nkept\n`;
    expect(spliceGpuSection(page, 'NEW')).toBe('# Title\n\nIntro.\n\nNEW\n\n## Earlier\nkept\n');
    expect(spliceGpuSection('# Title\n\nIntro.\n', 'NEW')).toBe('# Title\n\nIntro.\n\nNEW\n');
    expect(spliceGpuSection('', 'NEW')).toBe('# WebGPU on a real GPU\n\nNEW\n');
  });
});
