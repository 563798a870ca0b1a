import { useNodeBackend } from '../../src/cli/nodeBackends';
import { tf } from '../../src/core/tf';
await useNodeBackend('wasm');
function time(name: string, f: () => void, reps = 30) {
  for (let i = 0; i < 3; i++) f();
  const c0 = process.cpuUsage(); const t0 = performance.now();
  for (let i = 0; i < reps; i++) f();
  const c = process.cpuUsage(c0);
  console.log(name.padEnd(44), 'wall', ((performance.now() - t0) / reps).toFixed(2), 'cpu', ((c.user + c.system) / 1000 / reps).toFixed(2));
}
const v = tf.variable(tf.randomNormal([3072, 256])); const vt = tf.variable(tf.randomNormal([256, 3072]));
const dy = tf.randomNormal([64, 256]);
const mk = () => tf.randomNormal([64, 3072]);
for (let r = 0; r < 2; r++) {
time('current: x@W(fresh) + T(x)@dy', () => tf.tidy(() => { const x = mk(); const w = tf.add(v, 0); tf.matMul(x, w).dataSync(); tf.matMul(tf.transpose(x), dy).dataSync(); }));
time('transposed: Wt(fresh)@T(x) + T(dy)@x', () => tf.tidy(() => { const x = mk(); const w = tf.add(vt, 0); tf.transpose(tf.matMul(w, tf.transpose(x))).dataSync(); tf.matMul(tf.transpose(dy), x).dataSync(); }));
time('overhead: mk + add', () => tf.tidy(() => { mk().dataSync(); tf.add(vt, 0).dataSync(); }));
}
