/**
 * WebGPU training speed on a machine with a real GPU, through Dawn in Node (the `webgpu` package): the
 * default model of every framework, batch scaling of the default lesson (BATCHES=64,256,1024), and time
 * to insight. Bundled into one file so it runs where only a Node binary, Dawn and a Vulkan driver exist;
 * see bench/GPU.md.
 */
import '@tensorflow/tfjs';
import { tf } from '../../src/core/tf';
import { resolveConfig } from '../../src/core/experiment/config';
import { builtInDataset } from '../../src/core/data/datasets';
import { Trainer } from '../../src/training/trainer';
import { FRAMEWORKS } from '../../src/core/experiment/commonParams';
import { installNodeWebGpu } from '../node/webgpuNode';

async function main() {
  const problem = await installNodeWebGpu();
  if (problem) throw new Error(problem);
  const gpu = (globalThis as unknown as { navigator: { gpu: GPU } }).navigator.gpu;
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  const info = adapter?.info;
  console.log(
    'adapter',
    JSON.stringify({
      vendor: info?.vendor,
      description: info?.description,
      fallback: info?.isFallbackAdapter ?? adapter?.isFallbackAdapter,
    }),
  );
  await import('@tensorflow/tfjs-backend-webgpu');
  tf.env().set('PROD', true);
  if (!(await tf.setBackend('webgpu'))) throw new Error('webgpu backend did not start');
  await tf.ready();
  const batches = (process.env.BATCHES ?? '').split(',').filter(Boolean).map(Number);
  for (const b of batches) {
    const { config } = resolveConfig({ seed: 1, batchSize: b, trainSize: 4096 });
    const trainer = new Trainer(config, builtInDataset(config));
    await trainer.train(3);
    const t0 = performance.now();
    let steps = 0;
    while (performance.now() - t0 < 5000) {
      await trainer.train(10);
      steps += 10;
    }
    console.log(
      'batch',
      JSON.stringify({
        batch: b,
        pairsPerSecond: (steps * b) / ((performance.now() - t0) / 1000),
        msPerStep: (performance.now() - t0) / steps,
      }),
    );
    trainer.dispose();
  }
  if (process.env.BATCHES) return;
  for (const framework of FRAMEWORKS) {
    const { config } = resolveConfig({ framework, seed: 1 });
    const trainer = new Trainer(config, builtInDataset(config));
    await trainer.train(3);
    const runs: number[] = [];
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      let steps = 0;
      while (performance.now() - t0 < 4000) {
        await trainer.train(10);
        steps += 10;
      }
      runs.push((steps * config.batchSize) / ((performance.now() - t0) / 1000));
    }
    runs.sort((a, b) => a - b);
    console.log(
      'train',
      JSON.stringify({ framework, backend: 'webgpu', pairsPerSecond: runs, median: runs[1] }),
    );
    trainer.dispose();
  }
  // Time to insight on the default lesson (training time only, evaluations every 25 steps as in the app).
  const { config } = resolveConfig({ seed: 1 });
  const trainer = new Trainer(config, builtInDataset(config));
  const first = await trainer.evaluate();
  const t0 = performance.now();
  let trainMs = 0;
  for (;;) {
    const t = performance.now();
    await trainer.train(25);
    trainMs += performance.now() - t;
    const e = await trainer.evaluate();
    if (e.metrics.seen.i2t.r1 >= 0.5 && e.metrics.alignment <= first.metrics.alignment / 2) {
      console.log(
        'insight',
        JSON.stringify({
          step: e.step,
          seconds: (performance.now() - t0) / 1000,
          trainSeconds: trainMs / 1000,
        }),
      );
      break;
    }
    if (trainer.step > 2000) {
      console.log('insight not reached');
      break;
    }
  }
}
main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
