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

/**
 * What the kernels need of tfjs-backend-wasm 4.22's BackendWasm (backend_wasm.ts). `wasm` is the
 * Emscripten module: its glue (the same in the browser's ES module build and the Node build) sets
 * `Module["asm"]` to the instance's exports, whose `memory` holds every tensor; newer Emscripten names
 * them `wasmExports`.
 */
interface BackendWasmInternals {
  wasm: {
    asm?: { memory?: WebAssembly.Memory };
    wasmExports?: { memory?: WebAssembly.Memory };
  };
  getMemoryOffset(dataId: object): number;
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
}

/** The kernels, or why they cannot run (then TF.js's own kernels do). */
type Instantiated = WasmKernels | { unavailable: string };

/** Per backend instance (a re-created backend has a new memory), per flavour. */
const instances = new WeakMap<object, Map<WasmKernels['flavour'], Instantiated>>();
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
  const k = wasmKernelsOrWhyNot();
  return 'unavailable' in k ? null : k;
}

/**
 * Which kernels the current backend's steps run, in words for the page: 'relaxed SIMD kernels',
 * 'SIMD kernels', or 'TF.js kernels (…why)' where the project's cannot run, so that a fallback is seen.
 */
export function describeWasmKernels(): string {
  const k = wasmKernelsOrWhyNot();
  if ('unavailable' in k) return `TF.js kernels (${k.unavailable})`;
  return k.flavour === 'relaxed' ? 'relaxed SIMD kernels' : 'SIMD kernels';
}

function wasmKernelsOrWhyNot(): Instantiated {
  if (!wasmKernelOptions.enabled) return { unavailable: 'the project’s kernels are switched off' };
  if (tf.getBackend() !== 'wasm') return { unavailable: `the backend is ${tf.getBackend()}, not wasm` };
  const backend = tf.backend() as unknown as BackendWasmInternals;
  const flavour = wasmKernelOptions.flavour === 'auto' && relaxedSimdSupported() ? 'relaxed' : 'simd';
  let byFlavour = instances.get(backend);
  if (!byFlavour) instances.set(backend, (byFlavour = new Map<WasmKernels['flavour'], Instantiated>()));
  let k = byFlavour.get(flavour);
  if (!k) byFlavour.set(flavour, (k = instantiate(backend, flavour)));
  return k;
}

function instantiate(backend: BackendWasmInternals, flavour: WasmKernels['flavour']): Instantiated {
  const memory = backend.wasm.asm?.memory ?? backend.wasm.wasmExports?.memory;
  if (!(memory instanceof WebAssembly.Memory))
    return { unavailable: 'the WASM backend’s memory was not found' };
  // The threaded build's memory is shared: the kernels would have to declare it so (and be thread-safe).
  if (!(memory.buffer instanceof ArrayBuffer))
    return { unavailable: 'the threaded WASM backend shares its memory' };
  const binary = bytesOf(flavour === 'relaxed' ? RELAXED_SIMD_KERNELS : SIMD_KERNELS);
  if (!WebAssembly.validate(binary)) return { unavailable: 'this engine has no WebAssembly SIMD' };
  let instance: WebAssembly.Instance;
  try {
    // 1.4 kB: small enough for synchronous compilation, also on a page's main thread.
    instance = new WebAssembly.Instance(new WebAssembly.Module(binary), { env: { memory } });
  } catch (e) {
    return { unavailable: `the kernels failed to start: ${e instanceof Error ? e.message : String(e)}` };
  }
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
