/**
 * Counts the WebGPU work TF.js issues, by wrapping the `GPU*.prototype` methods of Dawn's globals (the
 * `webgpu` package) and the engine's `runKernel`. `tf.profile` cannot be used for this: it submits and
 * reads back after every kernel, which changes what is counted. Counts do not depend on the GPU.
 * Install after `installNodeWebGpu()` (which puts the GPU* classes on globalThis) and before the
 * webgpu backend creates its device.
 */
import { tf } from '../../src/core/tf';

/** Calls counted, in total or per kernel. */
export interface GpuCounts {
  /** TF.js kernels run through the engine (elementwise ones included; a custom gradient's wrapper is not). */
  kernels: number;
  dispatches: number;
  bindGroups: number;
  computePasses: number;
  /** `queue.writeBuffer`: tfjs-webgpu writes each program's uniforms this way. */
  uniformWrites: number;
  /** Tensor data uploaded from the CPU (buffers mapped at creation), and of them 4-byte scalars. */
  uploads: number;
  scalarUploads: number;
  /** One-use MAP_WRITE buffers an upload goes through when the pool hands back an unmapped buffer. */
  stagingBuffers: number;
  scalarStagingBuffers: number;
  /** Every `createBuffer`: the buffer pool's misses, staging buffers included. */
  buffersCreated: number;
  submits: number;
  /** `mapAsync` on a buffer: reading results back to the CPU. */
  readBacks: number;
  /** Pipelines compiled (shaders): all in the warm-up once the model has run. */
  pipelines: number;
}

export const COUNT_KEYS = [
  'kernels',
  'dispatches',
  'bindGroups',
  'computePasses',
  'uniformWrites',
  'uploads',
  'scalarUploads',
  'stagingBuffers',
  'scalarStagingBuffers',
  'buffersCreated',
  'submits',
  'readBacks',
  'pipelines',
] as const satisfies readonly (keyof GpuCounts)[];

const zero = (): GpuCounts => Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as unknown as GpuCounts;

/** Work done outside any kernel (read-backs, a chunk's loss sum) is booked under this name. */
export const OUTSIDE_KERNELS = '(outside kernels)';

export interface GpuCounter {
  /** Totals and per-kernel counts since the last reset. */
  totals(): GpuCounts;
  byKernel(): Map<string, GpuCounts>;
  reset(): void;
}

type Method = (...args: unknown[]) => unknown;

/** Replaces `proto[name]` with a wrapper that calls `before(args)` first. */
function wrap(proto: object, name: string, before: (args: unknown[]) => void): void {
  const target = proto as Record<string, Method>;
  const original = target[name];
  if (typeof original !== 'function') throw new Error(`no method ${name} to count`);
  target[name] = function (this: unknown, ...args: unknown[]) {
    before(args);
    return original.apply(this, args);
  };
}

/** Wraps the WebGPU classes and the TF.js engine; call once per process. */
export function installGpuCounter(): GpuCounter {
  const g = globalThis as unknown as Record<string, { prototype: object } | undefined>;
  const cls = (name: string) => {
    const c = g[name];
    if (!c) throw new Error(`${name} is not defined: install WebGPU before counting`);
    return c.prototype;
  };
  let totals = zero();
  let perKernel = new Map<string, GpuCounts>();
  const kernelStack: string[] = [];
  const add = (key: keyof GpuCounts) => {
    totals[key]++;
    const name = kernelStack[kernelStack.length - 1] ?? OUTSIDE_KERNELS;
    let row = perKernel.get(name);
    if (!row) perKernel.set(name, (row = zero()));
    row[key]++;
  };
  const MAP_WRITE = 0x0002; // GPUBufferUsage.MAP_WRITE

  wrap(cls('GPUDevice'), 'createBuffer', ([descriptor]) => {
    const d = descriptor as GPUBufferDescriptor;
    add('buffersCreated');
    const scalar = d.size === 4;
    if (d.mappedAtCreation) {
      add('uploads');
      if (scalar) add('scalarUploads');
    }
    if (d.usage & MAP_WRITE) {
      add('stagingBuffers');
      if (scalar) add('scalarStagingBuffers');
    }
  });
  wrap(cls('GPUDevice'), 'createBindGroup', () => add('bindGroups'));
  wrap(cls('GPUDevice'), 'createComputePipeline', () => add('pipelines'));
  wrap(cls('GPUDevice'), 'createComputePipelineAsync', () => add('pipelines'));
  wrap(cls('GPUCommandEncoder'), 'beginComputePass', () => add('computePasses'));
  wrap(cls('GPUComputePassEncoder'), 'dispatchWorkgroups', () => add('dispatches'));
  wrap(cls('GPUQueue'), 'submit', () => add('submits'));
  wrap(cls('GPUQueue'), 'writeBuffer', () => add('uniformWrites'));
  wrap(cls('GPUBuffer'), 'mapAsync', () => add('readBacks'));

  // Every op goes through the engine's runKernel; the innermost running kernel gets the GPU calls.
  const engine = tf.engine() as unknown as { runKernel: Method };
  const runKernel = engine.runKernel.bind(engine);
  engine.runKernel = (...args: unknown[]) => {
    const name = String(args[0]);
    kernelStack.push(name);
    add('kernels');
    try {
      return runKernel(...args);
    } finally {
      kernelStack.pop();
    }
  };

  return {
    totals: () => ({ ...totals }),
    byKernel: () => new Map(perKernel),
    reset: () => {
      totals = zero();
      perKernel = new Map();
    },
  };
}
