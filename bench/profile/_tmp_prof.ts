import { useNodeBackend } from '../../src/cli/nodeBackends';
import { tf } from '../../src/core/tf';
import { defaultConfig, resolveConfig } from '../../src/core/experiment/config';
import { builtInDataset } from '../../src/core/data/datasets';
import { Trainer } from '../../src/training/trainer';
const backend = (process.argv[2] ?? 'wasm') as 'wasm' | 'cpu';
await useNodeBackend(backend);
const { config } = resolveConfig({ framework: process.argv[3] ?? 'coordinated' });
const trainer = new Trainer(config, builtInDataset(config));
console.log('vocab', trainer.vocab.words.length);
await trainer.train(5);
const c0 = process.cpuUsage(); const t0 = performance.now();
await trainer.train(20);
const cpu = process.cpuUsage(c0);
console.log('ms/step wall', ((performance.now() - t0) / 20).toFixed(1), 'cpu', ((cpu.user + cpu.system) / 1000 / 20).toFixed(1));
const prof = await tf.profile(async () => { await trainer.train(5); });
const by = new Map<string, { ms: number; n: number }>();
for (const k of prof.kernels) {
  const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
  const e = by.get(key) ?? { ms: 0, n: 0 };
  e.ms += k.kernelTimeMs as number; e.n++; by.set(key, e);
}
const rows = [...by.entries()].sort((a, b) => b[1].ms - a[1].ms);
const total = rows.reduce((s, r) => s + r[1].ms, 0);
console.log('kernel total ms/step', (total / 5).toFixed(1), 'kernels/step', prof.kernels.length / 5);
for (const [k, e] of rows.slice(0, 30)) console.log((e.ms / 5).toFixed(2).padStart(8), String(e.n / 5).padStart(4), k);
