/**
 * Where the time of a training step goes, kernel by kernel, in Node.
 *
 *   npx tsx bench/profile/stepProfile.ts [--backend wasm|cpu] [--framework coordinated] [--steps 5]
 *       [--repeats 5] [--top 25] [--json]
 *
 * Trains the framework's default model (the app's defaults), then profiles `--repeats` chunks of
 * `--steps` steps with tf.profile. Each kernel (name and input shapes) gets its time per step, the
 * smallest over the repeats: on a shared machine the smallest is the one least disturbed by other work.
 * Kernel times are wall-clock and nested ones (a custom gradient's forward) include their inner kernels,
 * so the column does not add up to the step; the step's own wall and CPU times are printed above it.
 */
import { parseArgs } from 'node:util';
import { useNodeBackend, type NodeBackend } from '../../src/cli/nodeBackends';
import { tf } from '../../src/core/tf';
import { resolveConfig } from '../../src/core/experiment/config';
import { builtInDataset } from '../../src/core/data/datasets';
import { Trainer } from '../../src/training/trainer';

export interface KernelRow {
  kernel: string;
  /** Milliseconds per step (smallest over the repeats). */
  ms: number;
  /** Calls per step. */
  calls: number;
}

export interface StepProfile {
  backend: string;
  framework: string;
  /** Wall-clock and CPU milliseconds per step, outside the profiler. */
  msPerStep: number;
  cpuMsPerStep: number;
  kernelsPerStep: number;
  kernels: KernelRow[];
}

export async function profileSteps(
  backend: NodeBackend,
  framework: string,
  steps = 5,
  repeats = 5,
): Promise<StepProfile> {
  await useNodeBackend(backend);
  const { config } = resolveConfig({ framework });
  const trainer = new Trainer(config, builtInDataset(config));
  try {
    await trainer.train(steps); // warm-up: kernels compiled, operators created
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await trainer.train(4 * steps);
    const cpu = process.cpuUsage(c0);
    const msPerStep = (performance.now() - t0) / (4 * steps);
    const best = new Map<string, KernelRow>();
    let kernelsPerStep = 0;
    for (let r = 0; r < repeats; r++) {
      const info = await tf.profile(async () => {
        await trainer.train(steps);
      });
      kernelsPerStep = info.kernels.length / steps;
      const sums = new Map<string, KernelRow>();
      for (const k of info.kernels) {
        const key = `${k.name} ${k.inputShapes.map((s) => `[${(s ?? []).join(',')}]`).join(' ')}`;
        const row = sums.get(key) ?? { kernel: key, ms: 0, calls: 0 };
        row.ms += Number(k.kernelTimeMs) / steps;
        row.calls += 1 / steps;
        sums.set(key, row);
      }
      for (const [key, row] of sums) {
        const seen = best.get(key);
        if (!seen || row.ms < seen.ms) best.set(key, row);
      }
    }
    return {
      backend,
      framework,
      msPerStep,
      cpuMsPerStep: (cpu.user + cpu.system) / 1000 / (4 * steps),
      kernelsPerStep,
      kernels: [...best.values()].sort((a, b) => b.ms - a.ms),
    };
  } finally {
    trainer.dispose();
  }
}

export function formatProfile(p: StepProfile, top: number): string {
  const lines = [
    `${p.framework} on ${p.backend}: ${p.msPerStep.toFixed(1)} ms per step (CPU ${p.cpuMsPerStep.toFixed(1)} ms), ` +
      `${Math.round(p.kernelsPerStep)} kernels per step`,
    '   ms/step  calls  kernel [input shapes]',
  ];
  for (const k of p.kernels.slice(0, top))
    lines.push(`${k.ms.toFixed(2).padStart(10)}  ${k.calls.toFixed(1).padStart(5)}  ${k.kernel}`);
  const rest = p.kernels.slice(top);
  if (rest.length)
    lines.push(
      `${rest
        .reduce((s, k) => s + k.ms, 0)
        .toFixed(2)
        .padStart(10)}  ${rest
        .reduce((s, k) => s + k.calls, 0)
        .toFixed(1)
        .padStart(5)}  (${rest.length} other kernels)`,
    );
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      backend: { type: 'string', default: 'wasm' },
      framework: { type: 'string', default: 'coordinated' },
      steps: { type: 'string', default: '5' },
      repeats: { type: 'string', default: '5' },
      top: { type: 'string', default: '25' },
      json: { type: 'boolean', default: false },
    },
  });
  const profile = await profileSteps(
    values.backend as NodeBackend,
    values.framework,
    Number(values.steps),
    Number(values.repeats),
  );
  console.log(values.json ? JSON.stringify(profile) : formatProfile(profile, Number(values.top)));
}
