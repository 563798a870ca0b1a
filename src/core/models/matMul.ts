import { tf } from '../tf';
import { matMulUnpacked, unpackedMatMulInfo } from '../wasm/unpackedMatMul';

/**
 * x @ w whose gradients are dx = dy @ wᵀ and dw = xᵀ @ dy with explicit transposes, each computed only
 * when something upstream needs it.
 *
 * Why: TF.js's WASM backend runs matMul with a transposed operand on a slow path (about 45 ms for
 * dy @ wᵀ with w [3072,256], 150 ms for xᵀ @ dy, against 4 and 8 ms for the same products written with an
 * explicit transpose), and its built-in gradient uses transposed operands. Written as a kernel with its
 * own gradient (not tf.customGrad, which computes every input's gradient), the engine skips the input
 * gradient of a layer that reads the data: for the first layer of the image tower that is a [3072,256]
 * transpose and a [64,256]x[256,3072] product per step that nothing uses. The CPU and GPU backends have
 * no such problem and keep the built-in op.
 *
 * x: [batch, in], w: [in, out]. Returns [batch, out].
 */
export function matMul(x: tf.Tensor2D, w: tf.Tensor2D): tf.Tensor2D {
  if (tf.getBackend() !== 'wasm') return tf.matMul(x, w);
  registerExplicitGradMatMul();
  return tf.engine().runKernel<tf.Tensor2D>(EXPLICIT_GRAD_MATMUL, { a: x, b: w }, {});
}

const EXPLICIT_GRAD_MATMUL = 'MatMulExplicitGrad';

function registerExplicitGradMatMul(): void {
  if (tf.getKernel(EXPLICIT_GRAD_MATMUL, 'wasm')) return;
  tf.registerKernel({
    kernelName: EXPLICIT_GRAD_MATMUL,
    backendName: 'wasm',
    // The project's unpacked product where it applies (the weight is a new tensor every step, which
    // XNNPACK would pack anew), else the backend's own BatchMatMul without transposes (its fast path).
    kernelFunc: ({ inputs, backend }) => {
      const unpacked = unpackedMatMulInfo(inputs.a, inputs.b);
      if (unpacked) return unpacked;
      const batchMatMul = tf.getKernel('BatchMatMul', 'wasm');
      if (!batchMatMul) throw new Error('The WASM backend has no BatchMatMul kernel.');
      return batchMatMul.kernelFunc({ inputs, backend, attrs: { transposeA: false, transposeB: false } });
    },
  });
  tf.registerGradient({
    kernelName: EXPLICIT_GRAD_MATMUL,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved) => {
      const [a, b] = saved as [tf.Tensor2D, tf.Tensor2D];
      const g = dy as tf.Tensor2D;
      return {
        a: () => matMulUnpacked(g, tf.transpose(b)),
        b: () => matMulUnpacked(tf.transpose(a), g),
      };
    },
  });
}
