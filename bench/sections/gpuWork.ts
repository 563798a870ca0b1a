/**
 * The WebGPU work of one training step of each framework, counted on Dawn + SwiftShader in Node: TF.js
 * kernels, compute dispatches, bind groups, uniform writes, uploads (4-byte scalars among them), staging
 * buffers, queue submits and read-backs. Counts do not depend on the GPU, so a machine without one
 * measures what a user's GPU will be asked to do; on a GPU at the default batch these calls, not the
 * arithmetic, are the cost of a step.
 */
import { figure, type Figure } from '../lib/figures';
import { runJsonLines, TSX } from '../lib/child';
import type { BenchOptions } from '../lib/options';
import { SWIFTSHADER_ICD } from '../node/webgpuNode';
import type { GpuCounts } from '../node/gpuCounter';
import type { GpuWorkResult, KernelWork } from '../node/gpuWorkNode';

/** Steps per `train` call: one loss read-back each, as the app's worker trains in chunks. */
const STEPS_PER_CHUNK = 5;

/** The counts shown, in table order, with their names and the goals the step's redesign answers to. */
const ROWS: { key: keyof GpuCounts; label: string }[] = [
  { key: 'kernels', label: 'TF.js kernels' },
  { key: 'dispatches', label: 'compute dispatches' },
  { key: 'bindGroups', label: 'bind groups' },
  { key: 'computePasses', label: 'compute passes' },
  { key: 'uniformWrites', label: 'uniform writes' },
  { key: 'uploads', label: 'uploads' },
  { key: 'scalarUploads', label: '4-byte scalar uploads' },
  { key: 'stagingBuffers', label: 'staging buffers created' },
  { key: 'buffersCreated', label: 'buffers created' },
  { key: 'submits', label: 'queue submits' },
  { key: 'readBacks', label: 'read-backs (mapAsync)' },
];

/** The counts also shown for plain TF.js (the fused step paths off), as "before". */
const BEFORE_ROWS: (keyof GpuCounts)[] = [
  'kernels',
  'dispatches',
  'scalarUploads',
  'stagingBuffers',
  'submits',
];

/** Dispatches per step counted before the step was reworked; the goal is a third of them. */
const DISPATCH_GOALS: Record<string, number> = { coordinated: 75, joint: 202, correlation: 190 };

function goalFor(framework: string, key: keyof GpuCounts) {
  const max =
    key === 'dispatches'
      ? DISPATCH_GOALS[framework]
      : key === 'scalarUploads'
        ? 0
        : key === 'submits'
          ? 1 / STEPS_PER_CHUNK
          : undefined;
  if (max === undefined) return undefined;
  const text = key === 'submits' ? '≤ 1 per chunk' : `≤ ${max}`;
  return { text, test: (median: number) => median <= max + 1e-9 };
}

/** "Multiply 66 → 64 dispatches (45 scalar uploads)" for the kernels with the most dispatches. */
function topKernels(kernels: KernelWork[], n = 6): string {
  return kernels
    .slice(0, n)
    .map(
      (k) =>
        `${k.kernel} ${fmt(k.kernels)} → ${fmt(k.dispatches)}` +
        (k.scalarUploads ? ` (${fmt(k.scalarUploads)} scalar uploads)` : ''),
    )
    .join(', ');
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

export async function gpuWork(options: BenchOptions): Promise<{ figures: Figure[]; notes: string[] }> {
  options.log(`gpu-work: ${options.frameworks.join(', ')}`);
  const runs = options.quick ? 1 : Math.min(options.runs, 2);
  const count = (plain: boolean) =>
    runJsonLines<GpuWorkResult>(
      TSX,
      [
        'bench/node/gpuWorkNode.ts',
        '--frameworks',
        options.frameworks.join(','),
        '--runs',
        String(runs),
        '--chunks',
        options.quick ? '1' : '2',
        '--chunk',
        String(STEPS_PER_CHUNK),
        '--warmup',
        '3',
        ...(plain ? ['--plain'] : []),
      ],
      {
        env: {
          VK_ICD_FILENAMES: process.env.VK_ICD_FILENAMES ?? SWIFTSHADER_ICD,
          // Dawn loads libvulkan.so.1 from Chromium's folder when the system has none.
          LD_LIBRARY_PATH: ['/usr/lib/chromium', process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
          XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp',
        },
        timeoutMs: (options.quick ? 20 : 60) * 60_000,
        onStderr: (line) => {
          if (/error/i.test(line)) options.log(line);
        },
      },
    );
  // Before: plain TF.js (the fused paths off); after: the step as the app trains it.
  const before = await count(true);
  const { lines, timedOut } = await count(false);
  const figures: Figure[] = [];
  const kernelNotes: string[] = [];
  for (const framework of options.frameworks) {
    const r = lines.find((l) => l.framework === framework);
    const failure = r?.error
      ? `failed: ${r.error.slice(0, 160)}`
      : !r
        ? timedOut
          ? 'timed out'
          : 'no result'
        : undefined;
    const model = r && Object.keys(r.settings).length ? ` (${JSON.stringify(r.settings)})` : '';
    for (const { key, label } of ROWS) {
      figures.push(
        figure(
          {
            name: `${framework} · ${label}`,
            unit: 'per step',
            values: r?.runs.map((run) => run[key]) ?? [],
            better: 'lower',
            ...(failure ? { note: failure } : {}),
          },
          goalFor(framework, key),
        ),
      );
    }
    const plain = before.lines.find((l) => l.framework === framework);
    for (const { key, label } of ROWS.filter((row) => BEFORE_ROWS.includes(row.key)))
      figures.push(
        figure({
          name: `${framework} · ${label}, plain TF.js (before)`,
          unit: 'per step',
          values: plain?.runs.map((run) => run[key]) ?? [],
          better: 'lower',
          ...(plain?.error ? { note: `failed: ${plain.error.slice(0, 160)}` } : {}),
        }),
      );
    if (r && !failure) {
      const plainPool = plain?.poolBytes
        ? ` (plain TF.js: ${(plain.poolBytes / 2 ** 20).toFixed(0)} MB)`
        : '';
      const pool = r.poolBytes ? `; buffer pool ${(r.poolBytes / 2 ** 20).toFixed(0)} MB${plainPool}` : '';
      kernelNotes.push(
        `${framework}${model}: kernels → dispatches per step, most first: ${topKernels(r.kernels)}${pool}.`,
      );
    }
  }
  return {
    figures,
    notes: [
      `Each framework's default model (the app's defaults: batch 64, Adam; joint with tensor fusion), trained by ` +
        `the app's Trainer in chunks of ${STEPS_PER_CHUNK} steps (one loss read-back each) after 3 warm-up ` +
        `steps; each run counts ${options.quick ? 1 : 2} chunks and divides by the steps. Counts are deterministic.`,
      'Fused (the rows with goals): Adam as one WGSL dispatch per variable, row L2 normalisation, ' +
        'InfoNCE (fixed temperature), layer normalisation’s standardising and softmax cross-entropy against ' +
        'targets as one dispatch each way, Deep CCA’s Newton–Schulz roots as one dispatch each, the ' +
        'backpropagation seed and the chunk’s loss sum made without an upload, tfjs-webgpu submitting at the ' +
        'chunk’s read-back (src/core/gpu). “Plain TF.js (before)”: the same step with those paths off ' +
        '(gpuWorkNode.ts --plain).',
      'Counted by wrapping the GPU*.prototype methods of Dawn (npm `webgpu` 0.6.2, SwiftShader) and the ' +
        'engine’s runKernel (bench/node/gpuCounter.ts); tf.profile would add a submit and read-back per kernel.',
      'Uploads are buffers mapped at creation (tensor data from the CPU); each goes through a one-use staging ' +
        'buffer when the pool returns an unmapped buffer, and each ends the compute pass in progress. Uniform ' +
        'writes are one `queue.writeBuffer` per dispatch.',
      ...kernelNotes,
    ],
  };
}
