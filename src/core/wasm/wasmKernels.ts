/**
 * The project's own WASM SIMD kernels (kernels.wat), instantiated on the memory of TF.js's WASM backend
 * so that they read and write tensors where the backend keeps them. Used by the Adam update
 * (adamUpdate.ts) and the unpacked matrix product (unpackedMatMul.ts) on the wasm backend; their first
 * use also makes clones share memory (sharedIdentity.ts).
 *
 * The relaxed-SIMD binary (fused multiply-add in the matrix product) is taken where the engine validates
 * it, and the SIMD binary otherwise: Chromium ships relaxed SIMD, Node 20 only behind
 * --experimental-wasm-relaxed-simd. Without SIMD, or with the threaded backend (whose memory is
 * shared), there are no kernels and TF.js's own run.
 */
import { tf } from '../tf';
import { RELAXED_SIMD_KERNELS, SIMD_KERNELS } from './kernelBinaries';
import { wasmKernelOptions } from './wasmKernelOptions';
import { shareWasmIdentity } from './sharedIdentity';

export { wasmKernelOptions };

export interface WasmKernels {
  readonly flavour: 'simd' | 'relaxed';
  /** Byte offset of a tensor's data in the backend's memory. */
  offsetOf(t: tf.TensorInfo): number;
  /** A new float32 tensor of the backend (uninitialised) and its byte offset. */
  output(shape: number[]): { info: tf.TensorInfo; offset: number };
  /** See kernels.wat for the arguments. */
  adam(
    w: number,
    m: number,
    v: number,
    g: number,
    wOut: number,
    mOut: number,
    vOut: number,
    n: number,
    negLr: number,
    beta1: number,
    oneMinusBeta1: number,
    beta2: number,
    oneMinusBeta2: number,
    epsilon: number,
    oneMinusPower1: number,
    oneMinusPower2: number,
  ): void;
  matMul(a: number, b: number, c: number, rows: number, depth: number, cols: number): void;
}

/** What the kernels need of tfjs-backend-wasm 4.22's BackendWasm (backend_wasm.ts). */
interface BackendWasmInternals {
  wasm: { asm?: { memory?: WebAssembly.Memory } };
  getMemoryOffset(dataId: object): number;
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
}

/** Per backend instance (a re-created backend has a new memory), per flavour. */
const instances = new WeakMap<object, Map<WasmKernels['flavour'], WasmKernels | null>>();
let relaxedValidates: boolean | undefined;

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** Whether this engine runs WebAssembly relaxed SIMD (it validates the relaxed kernels themselves). */
export function relaxedSimdSupported(): boolean {
  relaxedValidates ??= WebAssembly.validate(bytesOf(RELAXED_SIMD_KERNELS));
  return relaxedValidates;
}

/** The kernels for the current backend, or null where they cannot run (then TF.js's kernels do). */
export function wasmKernels(): WasmKernels | null {
  if (!wasmKernelOptions.enabled || tf.getBackend() !== 'wasm') return null;
  const backend = tf.backend() as unknown as BackendWasmInternals;
  const flavour = wasmKernelOptions.flavour === 'auto' && relaxedSimdSupported() ? 'relaxed' : 'simd';
  let byFlavour = instances.get(backend);
  if (!byFlavour) instances.set(backend, (byFlavour = new Map<WasmKernels['flavour'], WasmKernels | null>()));
  if (!byFlavour.has(flavour)) byFlavour.set(flavour, instantiate(backend, flavour));
  return byFlavour.get(flavour) ?? null;
}

function instantiate(backend: BackendWasmInternals, flavour: WasmKernels['flavour']): WasmKernels | null {
  const memory = backend.wasm.asm?.memory;
  // The threaded build's memory is shared: the kernels would have to declare it so (and be thread-safe).
  if (!(memory instanceof WebAssembly.Memory) || !(memory.buffer instanceof ArrayBuffer)) return null;
  const binary = bytesOf(flavour === 'relaxed' ? RELAXED_SIMD_KERNELS : SIMD_KERNELS);
  if (!WebAssembly.validate(binary)) return null; // no SIMD in this engine
  // 1.4 kB: small enough for synchronous compilation, also on a page's main thread.
  const instance = new WebAssembly.Instance(new WebAssembly.Module(binary), { env: { memory } });
  const exports = instance.exports as unknown as Pick<WasmKernels, 'adam' | 'matMul'>;
  shareWasmIdentity();
  return {
    flavour,
    offsetOf: (t) => backend.getMemoryOffset(t.dataId),
    output: (shape) => {
      const info = backend.makeOutput(shape, 'float32');
      return { info, offset: backend.getMemoryOffset(info.dataId) };
    },
    adam: exports.adam,
    matMul: exports.matMul,
  };
}
