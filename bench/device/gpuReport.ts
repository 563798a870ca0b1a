/**
 * bench/GPU.md's generated part: the GPU machine's run (bench/device/gpuWebGpu.ts) as Markdown, written
 * between two markers so the hand-written text around it (reading, earlier runs, how to rerun) stays.
 */

/** One framework at one batch size. */
export interface GpuBatchRow {
  framework: string;
  batch: number;
  /** Pairs per second of each timed window, ascending. */
  pairsPerSecond: number[];
  /** Milliseconds per step of the median window. */
  msPerStep: number;
  /** WebGPU calls per step, counted over 5 steps after the warm-up. */
  dispatches: number;
  submits: number;
  uploads: number;
}

export interface GpuRun {
  ranAt: string;
  /** The GPU and driver, as nvidia-smi gives them (empty when unknown). */
  machine: string;
  adapter: string;
  fallbackAdapter: boolean;
  rows: GpuBatchRow[];
  insight: { step: number; seconds: number; trainSeconds: number } | null;
}

export const GPU_SECTION_START = '<!-- gpu-bench:start -->';
export const GPU_SECTION_END = '<!-- gpu-bench:end -->';

const int = (v: number) => Math.round(v).toLocaleString('en-US');
const one = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

/** The run as Markdown: where it ran, one table row per framework and batch, time to insight. */
export function renderGpuSection(run: GpuRun): string {
  const where = [run.machine, `adapter ${run.adapter || 'unknown'}`].filter(Boolean).join('; ');
  const lines = [
    GPU_SECTION_START,
    `## Latest run: ${run.ranAt.replace('T', ' ').slice(0, 16)} UTC`,
    '',
    `${where}${run.fallbackAdapter ? ' — **a software fallback adapter, not a GPU**' : ''}. Pairs per ` +
      'second: median of 3 windows (min–max) after 3 warm-up steps, trained in chunks of about 100 ms ' +
      'with one loss read-back each, as the app does; WebGPU calls per step counted over 5 steps.',
    '',
    '| framework | batch | pairs/s | min–max | ms per step | dispatches | submits | uploads |',
    '|---|--:|--:|---|--:|--:|--:|--:|',
    ...run.rows.map((r) => {
      const [min, median, max] = [r.pairsPerSecond[0], r.pairsPerSecond[1], r.pairsPerSecond[2]];
      return (
        `| ${r.framework} | ${int(r.batch)} | ${int(median ?? NaN)} | ${int(min ?? NaN)}–${int(max ?? NaN)} | ` +
        `${r.msPerStep >= 100 ? int(r.msPerStep) : one(r.msPerStep)} | ${one(r.dispatches)} | ${one(r.submits)} | ${one(r.uploads)} |`
      );
    }),
    '',
    run.insight
      ? `Time to insight on the default lesson (semantic R@1 ≥ 0.5 and alignment halved, evaluating every ` +
        `25 steps): step ${run.insight.step}, ${run.insight.seconds.toFixed(1)} s ` +
        `(${run.insight.trainSeconds.toFixed(1)} s of it training).`
      : 'Time to insight: not measured, or not reached within 2,000 steps.',
    GPU_SECTION_END,
  ];
  return lines.join('\n');
}

/** `page` with its generated part replaced by `section`; without markers, the section is appended. */
export function spliceGpuSection(page: string, section: string): string {
  const start = page.indexOf(GPU_SECTION_START);
  const end = page.indexOf(GPU_SECTION_END);
  if (start >= 0 && end > start)
    return page.slice(0, start) + section + page.slice(end + GPU_SECTION_END.length);
  return page.trim() ? `${page.trimEnd()}\n\n${section}\n` : `# WebGPU on a real GPU\n\n${section}\n`;
}
