import { useNodeBackend } from '../../src/cli/nodeBackends';
import { tf } from '../../src/core/tf';
await useNodeBackend((process.argv[2] ?? 'wasm') as 'wasm');
function time(name: string, f: () => tf.Tensor, reps = 10) {
  for (let i = 0; i < 2; i++) f().dispose();
  const c0 = process.cpuUsage(); const t0 = performance.now();
  for (let i = 0; i < reps; i++) { const t = f(); t.dataSync(); t.dispose(); }
  const c = process.cpuUsage(c0);
  console.log(name.padEnd(40), 'wall', ((performance.now() - t0) / reps).toFixed(2), 'cpu', ((c.user + c.system) / 1000 / reps).toFixed(2));
}
const x = tf.randomNormal([64, 3072]); const w = tf.randomNormal([3072, 256]); const dy = tf.randomNormal([64, 256]);
const xT = tf.transpose(x); const wT = tf.transpose(w);
time('x@w', () => tf.matMul(x, w));
time('x@wT(tB) ', () => tf.matMul(x, wT, false, true));
time('dy@w^T (tB)', () => tf.matMul(dy, w, false, true));
time('dy@wT explicit', () => tf.matMul(dy, wT));
time('x^T@dy (tA)', () => tf.matMul(x, dy, true, false));
time('xT@dy explicit', () => tf.matMul(xT, dy));
time('transpose x', () => tf.transpose(x));
time('transpose w', () => tf.transpose(w));
const b = tf.zeros([256]);
time('fused x@w+b relu', () => tf.fused.matMul({ a: x, b: w, bias: b, activation: 'relu' }));
time('add b', () => tf.add(dy, b));
time('adam-ish elementwise w', () => tf.tidy(() => tf.add(tf.mul(w, 0.9), tf.mul(w, 0.1))));
