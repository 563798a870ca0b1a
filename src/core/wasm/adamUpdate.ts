/**
 * Adam's update on the wasm backend in one pass per variable (kernels.wat `adam`): the new moments and
 * weights in one loop of WASM SIMD, where tf.train.adam runs 14 elementwise kernels per variable, each a
 * pass over the variable and a trip through TF.js's engine. The arithmetic is tf.train.adam's, operation
 * for operation in float32, so the weights are the same bit for bit.
 *
 * Called by the project's Adam (core/gpu/fusedAdam.ts), which keeps β1ᵗ, β2ᵗ on the CPU as it does for
 * its WebGPU update; the moments are tfjs's own named variables, so saving and resuming are unchanged.
 */
import { tf } from '../tf';
import { wasmKernels } from './wasmKernels';

const ADAM_UPDATE = 'AdamUpdate';

/** The fields of tf.AdamOptimizer that the update reads and fills (adam_optimizer.ts, tfjs 4.22). */
export interface AdamFields {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accumulatedFirstMoment: { originalName: string; variable: tf.Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: tf.Variable }[];
}

/** Gradients as Optimizer.applyGradients takes them: by variable name, or as a named list. */
type Gradients = Parameters<tf.Optimizer['applyGradients']>[0];

interface AdamAttrs {
  negLr: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  power1: number;
  power2: number;
}

function registerAdamUpdate(): void {
  if (tf.getKernel(ADAM_UPDATE, 'wasm')) return;
  tf.registerKernel({
    kernelName: ADAM_UPDATE,
    backendName: 'wasm',
    // Inputs w, m, v, g of one shape; outputs the new w, m, v.
    kernelFunc: ({ inputs, attrs }) => {
      const k = wasmKernels();
      if (!k) throw new Error('AdamUpdate: the WASM kernels are not available');
      const { w, m, v, g } = inputs;
      if (!w || !m || !v || !g) throw new Error('AdamUpdate: takes w, m, v and g');
      const a = attrs as unknown as AdamAttrs;
      const outs = [k.output(w.shape), k.output(w.shape), k.output(w.shape)];
      // 1 − β etc. as tfjs computes them: in double, then rounded to float32 (the kernel's f32 parameters).
      k.adam(
        k.offsetOf(w),
        k.offsetOf(m),
        k.offsetOf(v),
        k.offsetOf(g),
        outs[0].offset,
        outs[1].offset,
        outs[2].offset,
        tf.util.sizeFromShape(w.shape),
        a.negLr,
        a.beta1,
        1 - a.beta1,
        a.beta2,
        1 - a.beta2,
        a.epsilon,
        1 - a.power1,
        1 - a.power2,
      );
      return outs.map((o) => o.info);
    },
  });
}

/**
 * One Adam step over every variable named in `gradients`, with β1ᵗ = power1 and β2ᵗ = power2 (float32
 * values). Returns false, having changed nothing, where the kernels cannot run (another backend, no
 * SIMD): then the caller runs tf.train.adam's own update.
 */
export function adamUpdateWasm(
  adam: AdamFields,
  gradients: Gradients,
  power1: number,
  power2: number,
): boolean {
  if (!wasmKernels()) return false;
  registerAdamUpdate();
  const names = Array.isArray(gradients) ? gradients.map((v) => v.name) : Object.keys(gradients);
  const attrs: AdamAttrs = {
    negLr: -adam.learningRate,
    beta1: adam.beta1,
    beta2: adam.beta2,
    epsilon: adam.epsilon,
    power1,
    power2,
  };
  names.forEach((name, i) => {
    const value = tf.engine().registeredVariables[name];
    if (!value) throw new Error(`Adam: no variable named '${name}'`);
    // As tfjs does: moments for every variable named, even one whose gradient is missing.
    adam.accumulatedFirstMoment[i] ??= {
      originalName: `${name}/m`,
      variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
    };
    adam.accumulatedSecondMoment[i] ??= {
      originalName: `${name}/v`,
      variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
    };
    const g = Array.isArray(gradients) ? gradients[i]?.tensor : gradients[name];
    if (g == null) return;
    const m = adam.accumulatedFirstMoment[i].variable;
    const v = adam.accumulatedSecondMoment[i].variable;
    const [w1, m1, v1] = tf
      .engine()
      .runKernel<tf.Tensor[]>(ADAM_UPDATE, { w: value, m, v, g }, attrs as unknown as tf.NamedAttrMap);
    value.assign(w1);
    m.assign(m1);
    v.assign(v1);
    tf.dispose([w1, m1, v1]);
  });
  return true;
}
