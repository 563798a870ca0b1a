/**
 * A matrix product on the wasm backend that packs neither operand (kernels.wat `matMul`).
 *
 * Why: TF.js's WASM backend hands every product to XNNPACK, which first packs b into its own layout and
 * keeps the packing for as long as that tensor lives. A weight is a new tensor after every optimiser
 * step (Variable.assign), so its packing is thrown away and redone each step: for the default image
 * layer ([3072,256], 786k weights) that was most of the forward product's time. The project's kernel
 * reads b in place, 8 columns at a time.
 */
import { tf } from '../tf';
import { wasmKernels } from './wasmKernels';

const UNPACKED_MATMUL = 'UnpackedMatMul';

/** Whether the kernel takes a @ b: float32 matrices, b's columns a multiple of 8 (its tile width). */
function applies(a: tf.TensorInfo, b: tf.TensorInfo): boolean {
  return (
    a.shape.length === 2 &&
    b.shape.length === 2 &&
    a.dtype === 'float32' &&
    b.dtype === 'float32' &&
    a.shape[0] > 0 &&
    a.shape[1] > 0 &&
    a.shape[1] === b.shape[0] &&
    b.shape[1] > 0 &&
    b.shape[1] % 8 === 0
  );
}

/**
 * a @ b as a TensorInfo of the wasm backend, for use inside another kernel; null where the kernel does
 * not apply (another backend, no SIMD, a shape it does not take). a: [rows, depth], b: [depth, cols].
 */
export function unpackedMatMulInfo(
  a: tf.TensorInfo | undefined,
  b: tf.TensorInfo | undefined,
): tf.TensorInfo | null {
  const kernels = wasmKernels();
  if (!kernels || !a || !b || !applies(a, b)) return null;
  const [rows, depth] = a.shape;
  const cols = b.shape[1];
  const out = kernels.output([rows, cols]);
  kernels.matMul(kernels.offsetOf(a), kernels.offsetOf(b), out.offset, rows, depth, cols);
  return out.info;
}

/**
 * a @ b: the unpacked kernel where it applies, tf.matMul otherwise. For gradients (the kernel has no
 * gradient of its own). a: [rows, depth], b: [depth, cols]. Returns [rows, cols].
 */
export function matMulUnpacked(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  if (!wasmKernels() || !applies(a, b)) return tf.matMul(a, b);
  if (!tf.getKernel(UNPACKED_MATMUL, 'wasm'))
    tf.registerKernel({
      kernelName: UNPACKED_MATMUL,
      backendName: 'wasm',
      kernelFunc: ({ inputs }) => {
        const info = unpackedMatMulInfo(inputs.a, inputs.b);
        if (!info) throw new Error('UnpackedMatMul: the WASM kernels are not available');
        return info;
      },
    });
  return tf.engine().runKernel<tf.Tensor2D>(UNPACKED_MATMUL, { a, b }, {});
}
