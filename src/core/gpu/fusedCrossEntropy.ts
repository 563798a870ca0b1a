/**
 * Softmax cross-entropy against target distributions as one WebGPU program each way, the loss and its
 * gradient: tfjs's −mean(sum(t · logSoftmax(z), 1)) is ~10 kernels forward and ~10 backward (the joint
 * step takes it once per attribute and once per bag of words).
 *
 * The targets are read through f32(): tfjs may hold a cast one-hot in an int32 buffer.
 * Same maths as the tfjs ops, in float32: log softmax as (z − max) − log Σ exp(z − max), as tfjs's
 * logSoftmax computes it; sums in another order. Used on the webgpu backend with fusion on (see
 * `fusedRowsAvailable`); elsewhere the tfjs ops run.
 */
import { tf } from '../tf';
import { flatProgram } from './fusedRows';
import { runGpuProgram } from './gpuProgram';

const MAIN = 'fn main(index : i32)';

/** max and log Σ exp(z − max) over row r of z: [b, k]. */
const ROW_LSE = `
  fn rowLse(r : i32, k : i32) -> vec2<f32> {
    var m = -3.402823e+38;
    for (var j = 0; j < k; j++) { m = max(m, z[r * k + j]); }
    var e = 0.0;
    for (var j = 0; j < k; j++) { e = e + exp(z[r * k + j] - m); }
    return vec2<f32>(m, log(e));
  }`;

/** −(1/b) Σ_i Σ_j t_ij log softmax(z_i)_j in one workgroup of 64 threads. Output [1]. */
const forward = () => ({
  ...flatProgram(
    'mmp_soft_cross_entropy_forward',
    ['z', 't'],
    [1],
    '',
    `${ROW_LSE}
    var<workgroup> partial : array<f32, 64>;
    ${MAIN} {
      let b = uniforms.zShape[0];
      let k = uniforms.zShape[1];
      let lane = i32(localId.x);
      var acc = 0.0;
      for (var i = lane; i < b; i += 64) {
        let s = rowLse(i, k);
        var row = 0.0;
        for (var j = 0; j < k; j++) { row = row + f32(t[i * k + j]) * ((z[i * k + j] - s.x) - s.y); }
        acc = acc + row;
      }
      partial[lane] = acc;
      workgroupBarrier();
      if (lane == 0) {
        var total = 0.0;
        for (var q = 0; q < 64; q++) { total = total + partial[q]; }
        setOutputAtIndex(0, -(total / f32(b)));
      }
    }`,
  ),
  dispatch: [1, 1, 1] as [number, number, number],
});

/** dz_ij = dy · (softmax(z_i)_j · Σ_l t_il − t_ij) / b. z, t: [b, k], dy: [1]. */
const backward = (shape: number[]) =>
  flatProgram(
    'mmp_soft_cross_entropy_backward',
    ['z', 't', 'dy'],
    shape,
    '',
    `${ROW_LSE}
    ${MAIN} {
      if (index < uniforms.size) {
        let b = uniforms.zShape[0];
        let k = uniforms.zShape[1];
        let i = index / k;
        let s = rowLse(i, k);
        var mass = 0.0;
        for (var j = 0; j < k; j++) { mass = mass + f32(t[i * k + j]); }
        let p = exp((z[index] - s.x) - s.y);
        setOutputAtIndex(index, dy[0] * (p * mass - f32(t[index])) / f32(b));
      }
    }`,
  );

/**
 * −mean_i Σ_j t_ij log softmax(z_i)_j with the gradient for z only (the targets are data).
 * z: [b, k] logits; t: [b, k] float32 targets (one-hot rows or distributions). Returns a scalar.
 */
export function fusedSoftCrossEntropy(z: tf.Tensor2D, t: tf.Tensor2D): tf.Scalar {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [logits, save] = args as [tf.Tensor, tf.GradSaveFunc];
    save([logits, t]);
    return {
      value: tf.tidy(() => tf.reshape(runGpuProgram(forward(), [logits, t]), [])),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
        runGpuProgram(backward(logits.shape), [saved[0], saved[1], tf.reshape(dy, [1])]),
      ],
    };
  });
  return op(z) as tf.Scalar;
}
