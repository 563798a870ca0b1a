/**
 * The coupled Newton–Schulz iteration (linalg/newtonSchulz.ts) as one WebGPU dispatch: the whole loop
 * runs in a single workgroup, whose threads share each d×d product and meet at a barrier between them.
 * Deep CCA takes three matrix roots per step, ~20 iterations each, and every iteration was six kernels
 * (three products, three elementwise, two of them uploading a constant): ~400 dispatches per step.
 *
 * Same arithmetic as `newtonSchulzRoots`, in float32 (each product a sum over k in order, as tfjs's
 * matMul sums its tiles; the Frobenius norm summed in another order); the iteration corrects its own
 * rounding, so results agree with it to float32 accuracy. Forward only: for code that takes no
 * gradient through the roots (Deep CCA's closed-form gradient). Used on the webgpu backend with fusion
 * on and d ≤ MAX_FUSED_DIM; elsewhere `newtonSchulzRoots` runs.
 */
import type { tf } from '../tf';
import { newtonSchulzRoots, type MatrixRoots } from '../linalg/newtonSchulz';
import { gpuFusion } from './gpuFusion';
import {
  bufferOf,
  outputTensor,
  recordDispatch,
  uniformBuffer,
  webgpuBackend,
  type WebGpuInternals,
} from './webgpuBackend';

/** Threads of the one workgroup. */
const THREADS = 256;
/**
 * Largest d run fused: one workgroup does 3·d³ multiply-adds per iteration, ~80 thousand per thread
 * at d = 64; past ~128 tfjs's many-workgroup products are faster than the dispatches they cost.
 */
export const MAX_FUSED_DIM = 128;

/**
 * scratch holds Y and Z twice (the iteration reads the old ones while writing the new) and T:
 * [Y₀ | Y₁ | Z₀ | Z₁ | T], each d×d row-major.
 */
const WGSL = /* wgsl */ `
struct Params { d: u32, steps: u32 };
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read_write> rootOut: array<f32>;
@group(0) @binding(3) var<storage, read_write> invRootOut: array<f32>;
@group(0) @binding(4) var<storage, read_write> s: array<f32>;
@compute @workgroup_size(${THREADS})
fn main(@builtin(local_invocation_index) t: u32) {
  let d = p.d;
  let n = d * d;
  // c = max(‖A‖_F, 1e-30), every thread summing in the same order.
  var sq = 0.0;
  for (var e = 0u; e < n; e++) { sq = sq + a[e] * a[e]; }
  let c = max(sqrt(sq), 1e-30);
  for (var e = t; e < n; e += ${THREADS}u) {
    s[e] = a[e] / c;
    s[2u * n + e] = select(0.0, 1.0, e / d == e % d);
  }
  storageBarrier();
  for (var k = 0u; k < p.steps; k++) {
    let y = (k % 2u) * n;
    let z = 2u * n + y;
    let yNext = n - y;
    let zNext = 2u * n + yNext;
    let tm = 4u * n;
    // T = (3I − Z Y) / 2
    for (var e = t; e < n; e += ${THREADS}u) {
      let i = e / d;
      let j = e % d;
      var acc = 0.0;
      for (var q = 0u; q < d; q++) { acc = acc + s[z + i * d + q] * s[y + q * d + j]; }
      s[tm + e] = (select(0.0, 3.0, i == j) - acc) * 0.5;
    }
    storageBarrier();
    // Y ← Y T,  Z ← T Z
    for (var e = t; e < n; e += ${THREADS}u) {
      let i = e / d;
      let j = e % d;
      var accY = 0.0;
      var accZ = 0.0;
      for (var q = 0u; q < d; q++) {
        accY = accY + s[y + i * d + q] * s[tm + q * d + j];
        accZ = accZ + s[tm + i * d + q] * s[z + q * d + j];
      }
      s[yNext + e] = accY;
      s[zNext + e] = accZ;
    }
    storageBarrier();
  }
  let y = (p.steps % 2u) * n;
  let root = sqrt(c);
  for (var e = t; e < n; e += ${THREADS}u) {
    rootOut[e] = s[y + e] * root;
    invRootOut[e] = s[2u * n + y + e] / root;
  }
}`;

const pipelines = new WeakMap<GPUDevice, GPUComputePipeline>();

function pipelineFor(device: GPUDevice): GPUComputePipeline {
  let pipeline = pipelines.get(device);
  if (!pipeline) {
    const module = device.createShaderModule({ code: WGSL });
    pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
    pipelines.set(device, pipeline);
  }
  return pipeline;
}

function fusedRoots(backend: WebGpuInternals, a: tf.Tensor2D, steps: number): MatrixRoots {
  const d = a.shape[0];
  const root = outputTensor(backend, [d, d]);
  const invRoot = outputTensor(backend, [d, d]);
  const scratch = outputTensor(backend, [5, d, d]);
  const pipeline = pipelineFor(backend.device);
  const params = new Uint32Array([d, steps]);
  const uniforms = uniformBuffer(backend, new Float32Array(params.buffer));
  const bindGroup = backend.device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [
      { binding: 0, resource: { buffer: uniforms, size: params.byteLength } },
      ...[bufferOf(backend, a), root.buffer, invRoot.buffer, scratch.buffer].map((buffer, k) => ({
        binding: k + 1,
        resource: { buffer },
      })),
    ],
  });
  recordDispatch(backend, pipeline, bindGroup, [1, 1]);
  scratch.tensor.dispose();
  return { sqrt: root.tensor as tf.Tensor2D, invSqrt: invRoot.tensor as tf.Tensor2D };
}

/**
 * A^½ and A^−½ by `steps` Newton–Schulz iterations, with no gradient through them: one dispatch on
 * WebGPU (fusion on, d ≤ MAX_FUSED_DIM), `newtonSchulzRoots` elsewhere. a: [d, d], symmetric PSD.
 */
export function newtonSchulzRootsForward(a: tf.Tensor2D, steps: number): MatrixRoots {
  const backend = gpuFusion.enabled ? webgpuBackend() : null;
  if (!backend || a.shape[0] > MAX_FUSED_DIM || a.dtype !== 'float32') return newtonSchulzRoots(a, steps);
  return fusedRoots(backend, a, steps);
}
