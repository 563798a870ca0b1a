/**
 * The WebGPU work of one training step, counted on Dawn + SwiftShader in Node. Run as a child process of
 * the bench (the GPU classes must be wrapped before the webgpu backend creates its device).
 *
 *   npx tsx bench/node/gpuWorkNode.ts --frameworks coordinated,joint [--runs 3] [--chunks 2] [--chunk 5]
 *       [--warmup 3] [--plain]
 *
 * With --plain the fused step paths (src/core/gpu) are off: the work plain TF.js does, for comparison.
 *
 * Each framework trains its model as the app's Trainer does (chunks of `--chunk` steps with one loss
 * read-back each); after `--warmup` steps (shaders compiled, buffer pool filled) each run counts
 * `--chunks` chunks. Prints one JSON line per framework: the counts per step of each run, and per
 * kernel (calls and the GPU work inside them) for the last run.
 */
import { parseArgs } from 'node:util';
import '../../src/cli/nodeBackends';
import { tf } from '../../src/core/tf';
import { resolveConfig, type ExperimentConfig } from '../../src/core/experiment/config';
import { builtInDataset } from '../../src/core/data/datasets';
import { Trainer } from '../../src/training/trainer';
import { installNodeWebGpu } from './webgpuNode';
import { COUNT_KEYS, installGpuCounter, type GpuCounter, type GpuCounts } from './gpuCounter';
import { GPU_WORK_MODELS } from './gpuWorkModels';
import { gpuFusion } from '../../src/core/gpu/gpuFusion';

/** Per-step counts of one kernel name, in the last run. */
export interface KernelWork extends GpuCounts {
  kernel: string;
}

export interface GpuWorkResult {
  framework: string;
  /** The settings counted besides the framework's defaults. */
  settings: Partial<ExperimentConfig>;
  stepsPerChunk: number;
  /** Whether the fused step paths were on (off: plain TF.js). */
  fused: boolean;
  /** Counts per step, one entry per run. */
  runs: GpuCounts[];
  /** Per kernel name, per step, largest dispatch count first (last run). */
  kernels: KernelWork[];
  /** Bytes the buffer pool holds after the runs. */
  poolBytes?: number;
  error?: string;
}

const { values } = parseArgs({
  options: {
    frameworks: { type: 'string', default: 'coordinated' },
    runs: { type: 'string', default: '3' },
    chunks: { type: 'string', default: '2' },
    chunk: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '3' },
    plain: { type: 'boolean', default: false },
  },
});

const perStep = (c: GpuCounts, steps: number): GpuCounts =>
  Object.fromEntries(COUNT_KEYS.map((k) => [k, c[k] / steps])) as unknown as GpuCounts;

async function countFramework(counter: GpuCounter, result: GpuWorkResult): Promise<void> {
  const chunk = Number(values.chunk);
  const { config, errors } = resolveConfig({ framework: result.framework, ...result.settings });
  if (errors.length) throw new Error(errors.join('; '));
  const trainer = new Trainer(config, builtInDataset(config));
  try {
    await trainer.train(Number(values.warmup));
    for (let r = 0; r < Number(values.runs); r++) {
      counter.reset();
      for (let c = 0; c < Number(values.chunks); c++) {
        const out = await trainer.train(chunk);
        if (out.stopped) throw new Error(out.stopped);
      }
      const steps = chunk * Number(values.chunks);
      result.runs.push(perStep(counter.totals(), steps));
      result.kernels = [...counter.byKernel()]
        .map(([kernel, counts]) => ({ kernel, ...perStep(counts, steps) }))
        .sort((a, b) => b.dispatches - a.dispatches || b.kernels - a.kernels);
    }
    const backend = tf.backend() as unknown as { bufferManager?: { numBytesAllocated?: number } };
    result.poolBytes = backend.bufferManager?.numBytesAllocated;
  } finally {
    trainer.dispose();
  }
}

gpuFusion.enabled = !values.plain;
const problem = await installNodeWebGpu();
const counter = problem ? null : installGpuCounter();
let startError = problem;
if (counter) {
  await import('@tensorflow/tfjs-backend-webgpu');
  tf.env().set('PROD', true);
  if (await tf.setBackend('webgpu')) await tf.ready();
  else startError = 'the webgpu backend did not start';
}
for (const framework of values.frameworks.split(',')) {
  const result: GpuWorkResult = {
    framework,
    settings: GPU_WORK_MODELS[framework] ?? {},
    stepsPerChunk: Number(values.chunk),
    fused: gpuFusion.enabled,
    runs: [],
    kernels: [],
  };
  if (startError || !counter) result.error = startError ?? 'no counter';
  else
    try {
      await countFramework(counter, result);
    } catch (e) {
      result.error = e instanceof Error ? e.message : String(e);
    }
  console.log(JSON.stringify(result));
}
process.exit(0);
