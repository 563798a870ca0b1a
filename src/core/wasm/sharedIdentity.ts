/**
 * tf.clone on the wasm backend shares the tensor's memory instead of copying it, as the cpu, webgl and
 * webgpu backends already do (each takes a reference and returns the same data).
 *
 * Why: TF.js's engine clones every input an op saves for its gradient, and the wasm backend's Identity
 * kernel copies: for the default model that is the 786k-weight image layer and three copies of the
 * [64,3072] image batch per step (~0.7 ms of a ~10 ms step), plus every weight at each chunk's
 * checkpoint. Sharing is safe because no wasm kernel writes into its inputs: every kernel, this project's
 * too, writes a new output, and Variable.assign replaces a variable's data rather than overwriting it.
 */
import { tf } from '../tf';
import { wasmKernelOptions } from './wasmKernelOptions';

interface RefCounting {
  incRef(dataId: object): void;
}

let installed = false;

/** Replaces the wasm backend's Identity kernel (once); with the kernels switched off it copies as before. */
export function shareWasmIdentity(): void {
  if (installed) return;
  const original = tf.getKernel('Identity', 'wasm');
  if (!original) return;
  installed = true;
  tf.unregisterKernel('Identity', 'wasm');
  tf.registerKernel({
    ...original,
    kernelFunc: (args) => {
      const x = args.inputs.x;
      if (!wasmKernelOptions.enabled || !x || x.dtype === 'string') return original.kernelFunc(args);
      (args.backend as unknown as RefCounting).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  });
}
