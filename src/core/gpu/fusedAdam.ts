/**
 * Adam whose update runs as one WebGPU dispatch per variable on the webgpu backend: the new first and
 * second moments and the new weights in one pass, where tf.train.adam runs 14 elementwise kernels per
 * variable (each a dispatch, five of them uploading a 4-byte constant). On wasm the update runs as one
 * SIMD pass per variable (core/wasm/adamUpdate.ts, switched by wasmKernelOptions). On every other backend,
 * and with fusion switched off, it is tf.train.adam itself.
 *
 * It is a tf.AdamOptimizer: the moments are the same named variables, so getWeights / setWeights (and the
 * resume that reads them, training/resumeState.ts) work unchanged. The arithmetic is tfjs's, operation
 * for operation in float32 (adam_optimizer.ts in tfjs-core 4.22):
 *   m ← m·β1 + g·(1−β1)          v ← v·β2 + g²·(1−β2)
 *   w ← (m/(1−β1ᵗ)) / (sqrt(v/(1−β2ᵗ)) + ε) · (−lr) + w
 * with β1ᵗ, β2ᵗ the powers tfjs keeps as variables (β, then multiplied by β after each step). Here they
 * are kept on the CPU, rounded to float32 after each product as the GPU rounds them, and reach the
 * kernel in the step's uniform buffer: no tensor is created and nothing is uploaded per step.
 */
import { tf } from '../tf';
import { gpuFusion } from './gpuFusion';
import { adamUpdateWasm } from '../wasm/adamUpdate';
import {
  bufferOf,
  outputTensor,
  recordDispatch,
  uniformBuffer,
  webgpuBackend,
  workgroupsFor,
  type WebGpuInternals,
} from './webgpuBackend';

const WORKGROUP = 64;

const ADAM_WGSL = /* wgsl */ `
struct Step { negLr: f32, beta1: f32, oneMinusBeta1: f32, beta2: f32,
              oneMinusBeta2: f32, epsilon: f32, oneMinusPower1: f32, oneMinusPower2: f32 };
@group(0) @binding(0) var<uniform> s: Step;
@group(0) @binding(1) var<storage, read> w: array<f32>;
@group(0) @binding(2) var<storage, read> m: array<f32>;
@group(0) @binding(3) var<storage, read> v: array<f32>;
@group(0) @binding(4) var<storage, read> g: array<f32>;
@group(0) @binding(5) var<storage, read_write> wOut: array<f32>;
@group(0) @binding(6) var<storage, read_write> mOut: array<f32>;
@group(0) @binding(7) var<storage, read_write> vOut: array<f32>;
@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = id.x + id.y * groups.x * ${WORKGROUP}u;
  if (i >= arrayLength(&wOut)) { return; }
  let gi = g[i];
  let m1 = m[i] * s.beta1 + gi * s.oneMinusBeta1;
  let v1 = v[i] * s.beta2 + (gi * gi) * s.oneMinusBeta2;
  let mHat = m1 / s.oneMinusPower1;
  let vHat = v1 / s.oneMinusPower2;
  mOut[i] = m1;
  vOut[i] = v1;
  wOut[i] = (mHat / (sqrt(vHat) + s.epsilon)) * s.negLr + w[i];
}`;

const pipelines = new WeakMap<GPUDevice, GPUComputePipeline>();

function adamPipeline(device: GPUDevice): GPUComputePipeline {
  let p = pipelines.get(device);
  if (!p) {
    const module = device.createShaderModule({ code: ADAM_WGSL });
    p = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
    pipelines.set(device, p);
  }
  return p;
}

/** What tf.AdamOptimizer keeps privately (adam_optimizer.ts), read and written as tfjs does. */
interface AdamFields {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: { originalName: string; variable: tf.Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: tf.Variable }[];
}

const f32 = Math.fround;

/** Gradients as Optimizer.applyGradients takes them: by variable name, or as a named list. */
type Gradients = Parameters<tf.AdamOptimizer['applyGradients']>[0];
type NamedTensors = Parameters<tf.Optimizer['setWeights']>[0];

export class FusedAdam extends tf.AdamOptimizer {
  /** β1ᵗ and β2ᵗ for the step after `iterations` steps, kept on the CPU for the fused path. */
  private powers: { iterations: number; beta1: number; beta2: number } | null = null;
  /** The GPU copies (accBeta1/2) lag behind after fused steps; brought up to date before tfjs uses them. */
  private gpuPowersStale = false;
  /**
   * The seed of backpropagation, ∂loss/∂loss = 1, made once: tfjs's variableGrads makes it with tf.ones
   * at every step, a 4-byte upload that also ends the compute pass.
   */
  private unit: tf.Scalar | null = null;

  constructor(learningRate: number, beta1 = 0.9, beta2 = 0.999) {
    super(learningRate, beta1, beta2);
  }

  private get fields(): AdamFields {
    return this as unknown as AdamFields;
  }

  override applyGradients(variableGradients: Gradients): void {
    const backend = gpuFusion.enabled ? webgpuBackend() : null;
    if (!backend) {
      // On wasm the same update runs in one SIMD pass per variable (core/wasm/adamUpdate.ts).
      const p = this.currentPowers();
      if (adamUpdateWasm(this.fields, variableGradients, p.beta1, p.beta2)) {
        this.powers = this.nextPowers(p);
        this.gpuPowersStale = true;
        this.incrementIterations();
        return;
      }
      this.syncGpuPowers();
      const before = this.currentPowers();
      super.applyGradients(variableGradients);
      this.powers = this.nextPowers(before);
      return;
    }
    this.applyFused(backend, variableGradients);
  }

  /**
   * tfjs's variableGrads (gradients.ts) with the kept seed on the fused path: the trainable variables
   * (all of them when `varList` is not given) and the loss's gradient with respect to each.
   */
  override computeGradients(
    f: () => tf.Scalar,
    varList?: tf.Variable[],
  ): ReturnType<tf.Optimizer['computeGradients']> {
    if (!(gpuFusion.enabled && webgpuBackend())) return super.computeGradients(f, varList);
    const all = varList ?? Object.values(tf.engine().registeredVariables);
    const trainable = all.filter((v) => v.trainable);
    if (trainable.length === 0) throw new Error('FusedAdam: none of the variables is trainable');
    this.unit ??= tf.keep(tf.scalar(1));
    // A clone shares the kept value (no copy, no dispatch) and is released after, leaving it intact.
    const seed = tf.clone(this.unit);
    const { value, grads } = tf.engine().gradients(f, trainable, seed, true);
    if (!grads.includes(seed)) seed.dispose();
    if (value.rank !== 0) throw new Error(`FusedAdam: the loss must be a scalar, got rank ${value.rank}`);
    if (grads.every((g) => g == null))
      throw new Error('FusedAdam: no variable is connected to the loss computed in minimize()');
    const named: tf.NamedTensorMap = {};
    trainable.forEach((v, i) => {
      if (grads[i] != null) named[v.name] = grads[i];
    });
    // As tfjs does: a non-trainable variable named in varList gets a null gradient.
    if (varList)
      for (const v of varList) if (!v.trainable) (named as Record<string, tf.Tensor | null>)[v.name] = null;
    return { value, grads: named };
  }

  override dispose(): void {
    super.dispose();
    this.unit?.dispose();
    this.unit = null;
  }

  override async setWeights(weightValues: NamedTensors): Promise<void> {
    await super.setWeights(weightValues);
    // tfjs sets β^(iterations+1) with tf.pow; the fused path starts from the same power.
    this.powers = null;
    this.gpuPowersStale = false;
  }

  /** β1ᵗ, β2ᵗ for the next step: tfjs's starting values, or its tf.pow after setWeights. */
  private currentPowers(): { iterations: number; beta1: number; beta2: number } {
    const { beta1, beta2 } = this.fields;
    const iterations_ = this.iterations;
    if (this.powers?.iterations === iterations_) return this.powers;
    return {
      iterations: iterations_,
      beta1: f32(iterations_ === 0 ? beta1 : Math.pow(beta1, iterations_ + 1)),
      beta2: f32(iterations_ === 0 ? beta2 : Math.pow(beta2, iterations_ + 1)),
    };
  }

  private nextPowers(p: { iterations: number; beta1: number; beta2: number }) {
    const { beta1, beta2 } = this.fields;
    return {
      iterations: p.iterations + 1,
      beta1: f32(p.beta1 * f32(beta1)),
      beta2: f32(p.beta2 * f32(beta2)),
    };
  }

  private syncGpuPowers(): void {
    if (!this.gpuPowersStale) return;
    const p = this.currentPowers();
    tf.tidy(() => {
      this.fields.accBeta1.assign(tf.scalar(p.beta1));
      this.fields.accBeta2.assign(tf.scalar(p.beta2));
    });
    this.gpuPowersStale = false;
  }

  private applyFused(backend: WebGpuInternals, variableGradients: Gradients): void {
    const a = this.fields;
    const names = Array.isArray(variableGradients)
      ? variableGradients.map((v) => v.name)
      : Object.keys(variableGradients);
    const p = this.currentPowers();
    const step = new Float32Array([
      -a.learningRate,
      a.beta1,
      1 - a.beta1,
      a.beta2,
      1 - a.beta2,
      a.epsilon,
      1 - p.beta1,
      1 - p.beta2,
    ]);
    // Handed back to the pool at the next submit, which may come between two variables' dispatches:
    // then the next variable takes a fresh one (a reused one may hold another program's uniforms).
    let uniforms: GPUBuffer | null = null;
    const pipeline = adamPipeline(backend.device);
    names.forEach((name, i) => {
      const value = tf.engine().registeredVariables[name];
      if (!value) throw new Error(`FusedAdam: no variable named '${name}'`);
      // As tfjs does: moments for every variable named, even one whose gradient is missing.
      a.accumulatedFirstMoment[i] ??= {
        originalName: `${name}/m`,
        variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
      };
      a.accumulatedSecondMoment[i] ??= {
        originalName: `${name}/v`,
        variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
      };
      const gradient = Array.isArray(variableGradients)
        ? variableGradients[i]?.tensor
        : variableGradients[name];
      if (gradient == null) return;
      const m = a.accumulatedFirstMoment[i].variable;
      const v = a.accumulatedSecondMoment[i].variable;
      const wNew = outputTensor(backend, value.shape);
      const mNew = outputTensor(backend, value.shape);
      const vNew = outputTensor(backend, value.shape);
      const buffers = [
        bufferOf(backend, value),
        bufferOf(backend, m),
        bufferOf(backend, v),
        bufferOf(backend, gradient),
        wNew.buffer,
        mNew.buffer,
        vNew.buffer,
      ];
      uniforms ??= uniformBuffer(backend, step);
      const bindGroup = backend.device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: [
          { binding: 0, resource: { buffer: uniforms, size: step.byteLength } },
          ...buffers.map((buffer, k) => ({ binding: k + 1, resource: { buffer } })),
        ],
      });
      if (recordDispatch(backend, pipeline, bindGroup, workgroupsFor(value.size, WORKGROUP))) uniforms = null;
      value.assign(wNew.tensor);
      m.assign(mNew.tensor);
      v.assign(vNew.tensor);
      tf.dispose([wNew.tensor, mNew.tensor, vNew.tensor]);
    });
    this.powers = this.nextPowers(p);
    this.gpuPowersStale = true;
    this.incrementIterations();
  }
}
