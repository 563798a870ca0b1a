import { useNodeBackend } from '../../src/cli/nodeBackends';
import { tf } from '../../src/core/tf';
await useNodeBackend('wasm');
const which = process.argv[2];
const x = tf.randomNormal([64, 3072]); const v = tf.variable(tf.randomNormal([3072, 256])); const dy = tf.randomNormal([64, 256]);
const xT = tf.transpose(x); const g = tf.randomNormal([3072, 256]); const opt = tf.train.adam(0.002);
for (let i = 0; i < 200; i++) {
  if (which === 'fresh') { const w2 = tf.add(v, 0); const y = tf.matMul(x, w2); tf.dispose([w2, y]); }
  if (which === 'add') { const w2 = tf.add(v, 0); tf.dispose([w2]); }
  if (which === 'cached') { const y = tf.matMul(x, v); tf.dispose([y]); }
  if (which === 'dw') { const y = tf.matMul(xT, dy); tf.dispose([y]); }
  if (which === 'adam') { opt.applyGradients({ [v.name]: g }); }
}
