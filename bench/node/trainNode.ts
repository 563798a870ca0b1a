/**
 * Training throughput of the default model of each framework on one TF.js backend in Node. Run as a
 * child process of the bench (one backend per process: WebGPU must be installed before its backend
 * loads, and each backend then has the engine to itself).
 *
 *   npx tsx bench/node/trainNode.ts --backend wasm|cpu|webgpu --frameworks coordinated,joint
 *       [--runs 3] [--seconds 5] [--min-steps 10] [--warmup 3]
 *
 * Prints one JSON line per framework: pairs per second of each run, by the wall clock and per second of
 * this process's CPU time (the better measure of cost on a machine shared with other work).
 */
import { parseArgs } from 'node:util';
import { tf } from '../../src/core/tf';
import { useNodeBackend } from '../../src/cli/nodeBackends';
import { resolveConfig } from '../../src/core/experiment/config';
import { builtInDataset } from '../../src/core/data/datasets';
import { Trainer } from '../../src/training/trainer';
import { installNodeWebGpu } from './webgpuNode';

export interface TrainRun {
  pairsPerSecond: number;
  cpuPairsPerSecond: number;
  steps: number;
  seconds: number;
}

export interface TrainResult {
  framework: string;
  backend: string;
  parameters?: number;
  runs: TrainRun[];
  error?: string;
}

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    frameworks: { type: 'string', default: 'coordinated' },
    runs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '5' },
    'min-steps': { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
  },
});
const backend = values.backend;

async function start(): Promise<string | null> {
  if (backend === 'wasm' || backend === 'cpu') {
    await useNodeBackend(backend);
    return null;
  }
  if (backend !== 'webgpu') return `unknown backend ${backend}`;
  const problem = await installNodeWebGpu();
  if (problem) return problem;
  await import('@tensorflow/tfjs-backend-webgpu');
  tf.env().set('PROD', true);
  return (await tf.setBackend('webgpu')) ? (await tf.ready(), null) : 'the webgpu backend did not start';
}

/** One run: chunks of steps until both `seconds` and `minSteps` are reached. */
async function timedRun(trainer: Trainer, seconds: number, minSteps: number): Promise<TrainRun> {
  const batch = Math.min(trainer.config.batchSize, trainer.trainData.set.size);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let steps = 0;
  let chunk = 1;
  while (steps < minSteps || performance.now() - t0 < seconds * 1000) {
    const t = performance.now();
    const result = await trainer.train(chunk);
    if (result.stopped) throw new Error(result.stopped);
    steps += chunk;
    // Chunks of about 100 ms, as the app's worker trains (one loss read-back per chunk).
    chunk = Math.max(1, Math.min(25, Math.round((100 * chunk) / Math.max(1, performance.now() - t))));
  }
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  return {
    pairsPerSecond: (steps * batch) / wall,
    cpuPairsPerSecond: (steps * batch) / ((cpu.user + cpu.system) / 1e6),
    steps,
    seconds: wall,
  };
}

const problem = await start();
for (const framework of values.frameworks.split(',')) {
  const result: TrainResult = { framework, backend, runs: [] };
  if (problem) result.error = problem;
  else {
    let trainer: Trainer | null = null;
    try {
      const { config } = resolveConfig({ framework });
      trainer = new Trainer(config, builtInDataset(config));
      result.parameters = trainer.parameterCount();
      await trainer.train(Number(values.warmup));
      for (let r = 0; r < Number(values.runs); r++)
        result.runs.push(await timedRun(trainer, Number(values.seconds), Number(values['min-steps'])));
    } catch (e) {
      result.error = e instanceof Error ? e.message : String(e);
    } finally {
      trainer?.dispose();
    }
  }
  console.log(JSON.stringify(result));
}
