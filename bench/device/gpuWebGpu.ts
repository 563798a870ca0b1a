/**
 * WebGPU training speed on a machine with a real GPU, through Dawn in Node (the `webgpu` package): every
 * framework at each batch size (BATCHES, default 64,256,1024), with the WebGPU calls per step counted
 * alongside, and time to insight on the default lesson. Bundled into one file so it runs where only a
 * Node binary, Dawn and a Vulkan driver exist: bench/device/gpu.sh packs and runs it (see bench/GPU.md).
 *
 *   node gpu-bench.mjs [--write bench/GPU.md] [--machine "NVIDIA H200, driver 580"] [--seconds 2]
 *       [--frameworks coordinated,joint] [--skip-insight]
 *
 * Prints one JSON line per measurement; --write replaces the generated part of that Markdown file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import '@tensorflow/tfjs';
import { tf } from '../../src/core/tf';
import { resolveConfig } from '../../src/core/experiment/config';
import { builtInDataset } from '../../src/core/data/datasets';
import { Trainer } from '../../src/training/trainer';
import { FRAMEWORKS } from '../../src/core/experiment/commonParams';
import { installNodeWebGpu } from '../node/webgpuNode';
import { installGpuCounter, type GpuCounter } from '../node/gpuCounter';
import { GPU_WORK_MODELS } from '../node/gpuWorkModels';
import { renderGpuSection, spliceGpuSection, type GpuBatchRow, type GpuRun } from './gpuReport';

const { values: flags } = parseArgs({
  options: {
    write: { type: 'string' },
    machine: { type: 'string' },
    seconds: { type: 'string', default: '2' },
    frameworks: { type: 'string', default: FRAMEWORKS.join(',') },
    'skip-insight': { type: 'boolean', default: false },
  },
});
const BATCHES = (process.env.BATCHES ?? '64,256,1024').split(',').filter(Boolean).map(Number);
/** Training pairs, enough for four batches of the largest size. */
const TRAIN_SIZE = Math.max(2000, 4 * Math.max(...BATCHES));

/** Pairs per second over `seconds`, in chunks of about 100 ms with one loss read-back each (as the app). */
async function timedWindow(trainer: Trainer, seconds: number): Promise<{ pairs: number; ms: number }> {
  const t0 = performance.now();
  let steps = 0;
  let chunk = 1;
  while (steps < 3 || performance.now() - t0 < seconds * 1000) {
    const t = performance.now();
    const out = await trainer.train(chunk);
    if (out.stopped) throw new Error(out.stopped);
    steps += chunk;
    chunk = Math.max(1, Math.min(25, Math.round((100 * chunk) / Math.max(1, performance.now() - t))));
  }
  const ms = (performance.now() - t0) / steps;
  return { pairs: (1000 * trainer.config.batchSize) / ms, ms };
}

async function measure(counter: GpuCounter, framework: string, batch: number): Promise<GpuBatchRow> {
  const settings = GPU_WORK_MODELS[framework] ?? {};
  const { config, errors } = resolveConfig({
    framework,
    ...settings,
    seed: 1,
    batchSize: batch,
    trainSize: TRAIN_SIZE,
  });
  if (errors.length) throw new Error(errors.join('; '));
  const trainer = new Trainer(config, builtInDataset(config));
  try {
    await trainer.train(3); // shaders compiled, buffer pool filled
    counter.reset();
    await trainer.train(5);
    const c = counter.totals();
    const windows: { pairs: number; ms: number }[] = [];
    for (let r = 0; r < 3; r++) windows.push(await timedWindow(trainer, Number(flags.seconds)));
    windows.sort((a, b) => a.pairs - b.pairs);
    return {
      framework,
      batch,
      pairsPerSecond: windows.map((w) => w.pairs),
      msPerStep: windows[1].ms,
      dispatches: c.dispatches / 5,
      submits: c.submits / 5,
      uploads: c.uploads / 5,
    };
  } finally {
    trainer.dispose();
  }
}

/** Training steps until semantic R@1 ≥ 0.5 and alignment halved, evaluating every 25 steps as the app. */
async function timeToInsight(): Promise<GpuRun['insight']> {
  const { config } = resolveConfig({ seed: 1 });
  const trainer = new Trainer(config, builtInDataset(config));
  try {
    const first = await trainer.evaluate();
    const t0 = performance.now();
    let trainMs = 0;
    while (trainer.step <= 2000) {
      const t = performance.now();
      await trainer.train(25);
      trainMs += performance.now() - t;
      const e = await trainer.evaluate();
      if (e.metrics.seen.i2t.r1 >= 0.5 && e.metrics.alignment <= first.metrics.alignment / 2)
        return { step: e.step, seconds: (performance.now() - t0) / 1000, trainSeconds: trainMs / 1000 };
    }
    return null;
  } finally {
    trainer.dispose();
  }
}

async function main() {
  const problem = await installNodeWebGpu();
  if (problem) throw new Error(problem);
  const counter = installGpuCounter();
  const gpu = (globalThis as unknown as { navigator: { gpu: GPU } }).navigator.gpu;
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  const info = adapter?.info;
  const run: GpuRun = {
    ranAt: new Date().toISOString(),
    machine: flags.machine ?? '',
    adapter: [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' '),
    fallbackAdapter: Boolean(info?.isFallbackAdapter),
    rows: [],
    insight: null,
  };
  console.log(JSON.stringify({ adapter: run.adapter, fallback: run.fallbackAdapter }));
  await import('@tensorflow/tfjs-backend-webgpu');
  tf.env().set('PROD', true);
  if (!(await tf.setBackend('webgpu'))) throw new Error('webgpu backend did not start');
  await tf.ready();
  for (const framework of flags.frameworks.split(','))
    for (const batch of BATCHES) {
      const row = await measure(counter, framework, batch);
      console.log(JSON.stringify(row));
      run.rows.push(row);
    }
  if (!flags['skip-insight']) run.insight = await timeToInsight();
  console.log(JSON.stringify({ insight: run.insight }));
  if (flags.write) {
    const section = renderGpuSection(run);
    let page = '';
    try {
      page = readFileSync(flags.write, 'utf8');
    } catch {
      // no page yet: the section alone
    }
    writeFileSync(flags.write, spliceGpuSection(page, section));
  }
}
main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
