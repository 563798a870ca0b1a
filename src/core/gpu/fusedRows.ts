/**
 * Row L2 normalisation and the symmetric InfoNCE loss as single WebGPU programs, forward and backward:
 * on a GPU a step's cost is its dispatches, and these two ran 10 and 24 elementwise and reduction
 * kernels forward (and more backward), several of them uploading a 4-byte constant.
 *
 * Same maths as the tfjs ops they stand for (dense.ts's l2Normalize, infoNce.ts), in float32; the sums run
 * in another order, so values agree to float32 rounding, not bit for bit. Used only on the webgpu backend
 * with fusion on (see `fusedRowsAvailable`); elsewhere the tfjs ops run unchanged.
 */
import { tf } from '../tf';
import { gpuFusion } from './gpuFusion';
import { runGpuProgram, type GpuProgram } from './gpuProgram';
import { webgpuBackend } from './webgpuBackend';

const MAIN = 'fn main(index : i32)';

/** A program with one thread per output element (`index`), in groups of 64. */
export function flatProgram(
  key: string,
  variableNames: string[],
  outputShape: number[],
  uniforms: string,
  body: string,
): GpuProgram {
  const size = outputShape.reduce((a, b) => a * b, 1);
  return {
    variableNames,
    outputShape,
    shaderKey: key,
    workgroupSize: [64, 1, 1],
    dispatch: [Math.ceil(size / 64), 1, 1],
    dispatchLayout: { x: outputShape.map((_, i) => i) },
    uniforms,
    size: true,
    getUserCode: () => body,
  } as GpuProgram;
}

/** Whether the fused programs run here: the webgpu backend, fusion on. */
export function fusedRowsAvailable(): boolean {
  return gpuFusion.enabled && webgpuBackend() !== null;
}

/** x / sqrt(Σ_row x² + eps), one thread per element. x: [n, d]. */
const l2Forward = (shape: number[]) =>
  flatProgram(
    'mmp_l2_forward',
    ['x'],
    shape,
    'eps : f32,',
    `${MAIN} {
      if (index < uniforms.size) {
        let cols = uniforms.outShape[1];
        let row = index / cols;
        var s = 0.0;
        for (var k = 0; k < cols; k++) { let v = x[row * cols + k]; s = s + v * v; }
        setOutputAtIndex(index, x[index] / sqrt(s + uniforms.eps));
      }
    }`,
  );

/** dx = (dy − y·Σ_row(dy·y)) / n with y = x/n, n = sqrt(Σ_row x² + eps). x, dy: [n, d]. */
const l2Backward = (shape: number[]) =>
  flatProgram(
    'mmp_l2_backward',
    ['x', 'dy'],
    shape,
    'eps : f32,',
    `${MAIN} {
      if (index < uniforms.size) {
        let cols = uniforms.outShape[1];
        let row = index / cols;
        var s = 0.0;
        var d = 0.0;
        for (var k = 0; k < cols; k++) {
          let v = x[row * cols + k];
          s = s + v * v;
          d = d + dy[row * cols + k] * v;
        }
        let n = sqrt(s + uniforms.eps);
        setOutputAtIndex(index, (dy[index] - (x[index] / n) * (d / n)) / n);
      }
    }`,
  );

/**
 * A row-wise op of [n, d] in one dispatch each way: `forward(shape)` maps x to y, `backward(shape)` maps
 * (x, dy) to dx; both take `eps` as their one uniform.
 */
function rowOp(
  forward: (shape: number[]) => GpuProgram,
  backward: (shape: number[]) => GpuProgram,
  x: tf.Tensor2D,
  eps: number,
): tf.Tensor2D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, save] = args as [tf.Tensor, tf.GradSaveFunc];
    save([input]);
    return {
      value: runGpuProgram(forward(input.shape), [input], [eps]),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
        runGpuProgram(backward(input.shape), [saved[0], dy], [eps]),
      ],
    };
  });
  return op(x) as tf.Tensor2D;
}

/** Row-wise L2 normalisation in one dispatch (and one for its gradient). x: [n, d]. Returns [n, d]. */
export function fusedL2Normalize(x: tf.Tensor2D, eps: number): tf.Tensor2D {
  return rowOp(l2Forward, l2Backward, x, eps);
}

/** (x − mean) / sqrt(var + eps) over each row (variance over d, as tf.moments), one thread per element. */
const standardiseForward = (shape: number[]) =>
  flatProgram(
    'mmp_standardise_forward',
    ['x'],
    shape,
    'eps : f32,',
    `${MAIN} {
      if (index < uniforms.size) {
        let cols = uniforms.outShape[1];
        let row = index / cols;
        var s = 0.0;
        for (var k = 0; k < cols; k++) { s = s + x[row * cols + k]; }
        let mean = s / f32(cols);
        var q = 0.0;
        for (var k = 0; k < cols; k++) { let c = x[row * cols + k] - mean; q = q + c * c; }
        setOutputAtIndex(index, (x[index] - mean) / sqrt(q / f32(cols) + uniforms.eps));
      }
    }`,
  );

/** dx = (dy − mean_row(dy) − y·mean_row(dy·y)) / σ with y the output, σ = sqrt(var + eps). */
const standardiseBackward = (shape: number[]) =>
  flatProgram(
    'mmp_standardise_backward',
    ['x', 'dy'],
    shape,
    'eps : f32,',
    `${MAIN} {
      if (index < uniforms.size) {
        let cols = uniforms.outShape[1];
        let row = index / cols;
        var s = 0.0;
        for (var k = 0; k < cols; k++) { s = s + x[row * cols + k]; }
        let mean = s / f32(cols);
        var q = 0.0;
        for (var k = 0; k < cols; k++) { let c = x[row * cols + k] - mean; q = q + c * c; }
        let sigma = sqrt(q / f32(cols) + uniforms.eps);
        var g = 0.0;
        var gy = 0.0;
        for (var k = 0; k < cols; k++) {
          let d = dy[row * cols + k];
          g = g + d;
          gy = gy + d * (x[row * cols + k] - mean) / sigma;
        }
        let y = (x[index] - mean) / sigma;
        setOutputAtIndex(index, (dy[index] - g / f32(cols) - y * (gy / f32(cols))) / sigma);
      }
    }`,
  );

/** Each row to mean 0 and variance 1 in one dispatch (and one for its gradient). x: [n, d]. Returns [n, d]. */
export function fusedStandardise(x: tf.Tensor2D, eps: number): tf.Tensor2D {
  return rowOp(standardiseForward, standardiseBackward, x, eps);
}

/** log-sum-exp helpers over row r / column c of L = scale·sim, sim: [b, b] row-major. */
const LSE = `
  fn rowStats(r : i32, b : i32, scale : f32) -> vec2<f32> {
    var m = -3.402823e+38;
    for (var j = 0; j < b; j++) { m = max(m, sim[r * b + j] * scale); }
    var e = 0.0;
    for (var j = 0; j < b; j++) { e = e + exp(sim[r * b + j] * scale - m); }
    return vec2<f32>(m, e);
  }
  fn colStats(c : i32, b : i32, scale : f32) -> vec2<f32> {
    var m = -3.402823e+38;
    for (var i = 0; i < b; i++) { m = max(m, sim[i * b + c] * scale); }
    var e = 0.0;
    for (var i = 0; i < b; i++) { e = e + exp(sim[i * b + c] * scale - m); }
    return vec2<f32>(m, e);
  }`;

/** −½ (mean_i log softmax_row(L)_ii + mean_i log softmax_col(L)_ii) in one workgroup. Output [1]. */
const infoNceForward = () => ({
  ...flatProgram(
    'mmp_infonce_forward',
    ['sim'],
    [1],
    'scale : f32,',
    `${LSE}
    var<workgroup> partial : array<f32, 64>;
    ${MAIN} {
      let b = uniforms.simShape[0];
      let t = i32(localId.x);
      var acc = 0.0;
      for (var i = t; i < b; i += 64) {
        let l = sim[i * b + i] * uniforms.scale;
        let r = rowStats(i, b, uniforms.scale);
        let c = colStats(i, b, uniforms.scale);
        acc = acc + ((l - r.x) - log(r.y)) + ((l - c.x) - log(c.y));
      }
      partial[t] = acc;
      workgroupBarrier();
      if (t == 0) {
        var total = 0.0;
        for (var k = 0; k < 64; k++) { total = total + partial[k]; }
        setOutputAtIndex(0, -(total / f32(b)) / 2.0);
      }
    }`,
  ),
  dispatch: [1, 1, 1] as [number, number, number],
});

/** dsim = dy · scale · (softmax_row + softmax_col − 2I) / (2b). sim: [b, b], dy: [1]. */
const infoNceBackward = (b: number) =>
  flatProgram(
    'mmp_infonce_backward',
    ['sim', 'dy'],
    [b, b],
    'scale : f32,',
    `${LSE}
    ${MAIN} {
      if (index < uniforms.size) {
        let b = uniforms.simShape[0];
        let i = index / b;
        let j = index - i * b;
        let l = sim[index] * uniforms.scale;
        let r = rowStats(i, b, uniforms.scale);
        let c = colStats(j, b, uniforms.scale);
        var g = exp(l - r.x) / r.y + exp(l - c.x) / c.y;
        if (i == j) { g = g - 2.0; }
        setOutputAtIndex(index, dy[0] * uniforms.scale * g / (2.0 * f32(b)));
      }
    }`,
  );

/**
 * Symmetric InfoNCE from the similarities, fused: sim = x yᵀ, [b, b]; scale: 1/τ (a number, so it
 * travels in the uniforms). Returns a scalar.
 */
export function fusedInfoNce(sim: tf.Tensor2D, scale: number): tf.Scalar {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [s, save] = args as [tf.Tensor, tf.GradSaveFunc];
    save([s]);
    return {
      value: tf.tidy(() => tf.reshape(runGpuProgram(infoNceForward(), [s], [scale]), [])),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
        runGpuProgram(infoNceBackward(s.shape[0]), [saved[0], tf.reshape(dy, [1])], [scale]),
      ],
    };
  });
  return op(sim) as tf.Scalar;
}
