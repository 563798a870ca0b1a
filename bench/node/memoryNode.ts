/**
 * Memory over a long run, as the app trains: chunks of steps, an evaluation every `evalEvery` steps,
 * tf.memory() and the JS heap (after a full GC) sampled every `--every` steps. Flat is the goal.
 * Child process of the bench (needs --expose-gc for the heap figures).
 *
 *   node --expose-gc --import tsx bench/node/memoryNode.ts --frameworks coordinated --steps 2000
 */
import { parseArgs } from 'node:util';
import { tf } from '../../src/core/tf';
import { useNodeBackend, type NodeBackend } from '../../src/cli/nodeBackends';
import { resolveConfig } from '../../src/core/experiment/config';
import { builtInDataset } from '../../src/core/data/datasets';
import { Trainer } from '../../src/training/trainer';

export interface MemorySample {
  step: number;
  tensors: number;
  bytes: number;
  heapBytes: number;
}

export interface MemoryResult {
  framework: string;
  backend: string;
  samples: MemorySample[];
  seconds: number;
  error?: string;
}

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    frameworks: { type: 'string', default: 'coordinated' },
    steps: { type: 'string', default: '2000' },
    every: { type: 'string', default: '250' },
  },
});
await useNodeBackend(values.backend as NodeBackend);
const gc = (globalThis as { gc?: () => void }).gc;

function sample(step: number): MemorySample {
  gc?.();
  const m = tf.memory();
  return { step, tensors: m.numTensors, bytes: m.numBytes, heapBytes: process.memoryUsage().heapUsed };
}

for (const framework of values.frameworks.split(',')) {
  const result: MemoryResult = { framework, backend: values.backend, samples: [], seconds: 0 };
  const t0 = performance.now();
  let trainer: Trainer | null = null;
  try {
    const { config } = resolveConfig({ framework });
    trainer = new Trainer(config, builtInDataset(config));
    await trainer.evaluate();
    result.samples.push(sample(0));
    const total = Number(values.steps);
    const every = Number(values.every);
    while (trainer.step < total) {
      const chunk = await trainer.train(Math.min(config.evalEvery, total - trainer.step));
      if (chunk.stopped) throw new Error(chunk.stopped);
      await trainer.evaluate();
      if (trainer.step % every === 0 || trainer.step === total) result.samples.push(sample(trainer.step));
    }
  } catch (e) {
    result.error = e instanceof Error ? e.message : String(e);
  } finally {
    trainer?.dispose();
  }
  result.seconds = (performance.now() - t0) / 1000;
  console.log(JSON.stringify(result));
}
