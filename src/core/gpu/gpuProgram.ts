/**
 * Runs a hand-written WGSL program through tfjs-backend-webgpu's own program runner
 * (`WebGPUBackend.runWebGPUProgram`, as its kernels do): inputs bound by name, the output from its
 * buffer pool, the uniforms given here written with the shapes it adds, the dispatch recorded into its
 * pass. The program object is the plain shape that runner reads (webgpu_program.ts in tfjs 4.22).
 */
import { tf } from '../tf';
import { webgpuBackend } from './webgpuBackend';

export interface GpuProgram {
  /** WGSL names of the inputs, in order (`x` is read as `x[i]`). */
  variableNames: string[];
  outputShape: number[];
  /** Pipelines are cached by this key (plus the input shapes tfjs adds). */
  shaderKey: string;
  workgroupSize: [number, number, number];
  dispatch: [number, number, number];
  dispatchLayout: { x: number[] };
  /** Uniform fields the program declares, e.g. 'scale : f32,'. */
  uniforms?: string;
  /** `main` is written with tfjs's header (`getMainHeaderString`): the body receives `index`. */
  getUserCode(): string;
}

interface ProgramRunner {
  runWebGPUProgram(
    program: GpuProgram,
    inputs: tf.TensorInfo[],
    dtype: 'float32',
    uniforms?: { type: 'float32' | 'int32'; data: number[] }[],
  ): tf.TensorInfo;
}

/** Runs `program` on the webgpu backend; `uniforms` fill the fields of `program.uniforms` in order. */
export function runGpuProgram(program: GpuProgram, inputs: tf.Tensor[], uniforms: number[] = []): tf.Tensor {
  if (!webgpuBackend()) throw new Error('runGpuProgram: the webgpu backend is not running');
  const runner = tf.backend() as unknown as ProgramRunner;
  const info = runner.runWebGPUProgram(
    program,
    inputs,
    'float32',
    uniforms.map((v) => ({ type: 'float32', data: [v] })),
  );
  return tf.engine().makeTensorFromTensorInfo(info);
}
