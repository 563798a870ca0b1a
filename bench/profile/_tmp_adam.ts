import { useNodeBackend } from '../../src/cli/nodeBackends';
import { tf } from '../../src/core/tf';
await useNodeBackend((process.argv[2] ?? 'wasm') as 'wasm');
function time(name: string, f: () => void, reps = 10) {
  for (let i = 0; i < 2; i++) f();
  const c0 = process.cpuUsage(); const t0 = performance.now();
  for (let i = 0; i < reps; i++) f();
  const c = process.cpuUsage(c0);
  console.log(name.padEnd(40), 'wall', ((performance.now() - t0) / reps).toFixed(2), 'cpu', ((c.user + c.system) / 1000 / reps).toFixed(2));
}
const x = tf.randomNormal([64, 3072]);
const v = tf.variable(tf.randomNormal([3072, 256]));
const g = tf.randomNormal([3072, 256]);
const opt = tf.train.adam(0.002);
time('adam apply [3072,256]', () => { opt.applyGradients({ [v.name]: g }); v.dataSync(); });
time('x@v (v fresh each step)', () => { const w2 = tf.add(v, 0); const y = tf.matMul(x, w2); y.dataSync(); tf.dispose([w2, y]); });
time('add v+0', () => { const w2 = tf.add(v, 0); w2.dataSync(); w2.dispose(); });
time('x@v (cached)', () => { const y = tf.matMul(x, v); y.dataSync(); y.dispose(); });
// JS fused adam on plain arrays, same size
const n = 3072 * 256; const W = new Float32Array(n).fill(0.1), M = new Float32Array(n), V = new Float32Array(n), G = new Float32Array(n).map(() => Math.random());
time('js fused adam loop', () => { const b1 = 0.9, b2 = 0.999, lr = 0.002, eps = 1e-7, c1 = 0.1, c2 = 0.001;
  for (let i = 0; i < n; i++) { const gi = G[i]!; const m = Math.fround(M[i]! * b1 + gi * (1 - b1)); const s = Math.fround(V[i]! * b2 + gi * gi * (1 - b2)); M[i] = m; V[i] = s; W[i] = W[i]! - lr * (m / c1) / (Math.sqrt(s / c2) + eps); } });
