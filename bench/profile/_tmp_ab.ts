import { useNodeBackend } from '../../src/cli/nodeBackends';
import { tf } from '../../src/core/tf';
import { resolveConfig } from '../../src/core/experiment/config';
import { builtInDataset } from '../../src/core/data/datasets';
import { Trainer } from '../../src/training/trainer';
await useNodeBackend((process.argv[2] ?? 'wasm') as 'wasm');
const { config } = resolveConfig({ framework: process.argv[3] ?? 'coordinated' });
const ds = builtInDataset(config);
const a = new Trainer(config, ds); const b = new Trainer(config, ds);
(b as any).optimizer.dispose(); (b as any).optimizer = tf.train.adam(config.lr);
await a.train(3); await b.train(3);
const ta: number[] = [], tb: number[] = [];
const med = (x: number[]) => [...x].sort((p, q) => p - q)[x.length >> 1]!.toFixed(2);
for (let r = 0; r < Number(process.argv[4] ?? 12); r++) for (const [t, out] of [[a, ta], [b, tb]] as const) {
  const c0 = process.cpuUsage(); await t.train(5); const c = process.cpuUsage(c0); out.push((c.user + c.system) / 5000);
}
console.log('fused cpu ms/step median', med(ta), 'min', Math.min(...ta).toFixed(2), '| tf.adam median', med(tb), 'min', Math.min(...tb).toFixed(2));
