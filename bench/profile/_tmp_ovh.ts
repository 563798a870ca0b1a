import { useNodeBackend } from '../../src/cli/nodeBackends';
import { tf } from '../../src/core/tf';
await useNodeBackend((process.argv[2] ?? 'wasm') as 'wasm');
const a = tf.ones([32]); const v = tf.variable(tf.ones([32]));
for (const mode of ['plain', 'grad'] as const) {
  for (let rep = 0; rep < 3; rep++) {
    const c0 = process.cpuUsage(); const t0 = performance.now();
    if (mode === 'plain') tf.tidy(() => { let x = a; for (let i = 0; i < 5000; i++) x = tf.add(x, 1); return x; }).dispose();
    else { const g = tf.variableGrads(() => { let x: tf.Tensor = v; for (let i = 0; i < 2500; i++) x = tf.add(x, 1); return tf.sum(x) as tf.Scalar; }); tf.dispose([g.value, ...Object.values(g.grads)]); }
    const c = process.cpuUsage(c0);
    console.log(mode, 'us/op wall', ((performance.now() - t0) / 5).toFixed(1), 'cpu', ((c.user + c.system) / 5000).toFixed(1));
  }
}
