import { describe, expect, it } from 'vitest';
import '../../src/cli/nodeBackends';
import { tf } from '../../src/core/tf';
import { installGpuCounter, OUTSIDE_KERNELS } from '../../bench/node/gpuCounter';

/** Stand-ins for Dawn's classes: the counter wraps their prototypes, whatever they do. */
class GPUDevice {
  createBuffer(d: GPUBufferDescriptor) {
    return { size: d.size };
  }
  createBindGroup() {}
  createComputePipeline() {}
  createComputePipelineAsync() {}
}
class GPUCommandEncoder {
  beginComputePass() {}
}
class GPUComputePassEncoder {
  dispatchWorkgroups() {}
}
class GPUQueue {
  submit() {}
  writeBuffer() {}
}
class GPUBuffer {
  mapAsync() {}
}
Object.assign(globalThis, { GPUDevice, GPUCommandEncoder, GPUComputePassEncoder, GPUQueue, GPUBuffer });

const MAP_WRITE_COPY_SRC = 0x0002 | 0x0004;
const STORAGE = 0x0080;
const device = new GPUDevice();
const pass = new GPUComputePassEncoder();

/** A kernel that does what tfjs-webgpu does for `x * 2`: uploads the scalar 2 through staging, dispatches. */
tf.registerKernel({
  kernelName: 'CountedMultiply',
  backendName: 'cpu',
  kernelFunc: ({ backend }) => {
    device.createBuffer({ size: 4, usage: MAP_WRITE_COPY_SRC, mappedAtCreation: true });
    device.createBindGroup();
    new GPUQueue().writeBuffer();
    pass.dispatchWorkgroups();
    return (backend as tf.KernelBackend & { makeTensorInfo: MakeInfo }).makeTensorInfo(
      [1],
      'float32',
      new Float32Array([2]),
    );
  },
});
type MakeInfo = (shape: number[], dtype: string, values: Float32Array) => tf.TensorInfo;

describe('installGpuCounter: WebGPU calls per kernel', () => {
  it('counts each call, books it to the kernel it ran in, and starts afresh on reset', async () => {
    await tf.setBackend('cpu');
    const counter = installGpuCounter();
    const x = tf.tensor1d([1]);
    for (let i = 0; i < 3; i++) tf.dispose(tf.engine().runKernel('CountedMultiply', { x }, {}));
    // Outside any kernel: a read-back after a submit, and a 1 KB upload straight into a new buffer.
    new GPUQueue().submit();
    new GPUBuffer().mapAsync();
    device.createBuffer({ size: 1024, usage: STORAGE, mappedAtCreation: true });
    const totals = counter.totals();
    expect(totals).toMatchObject({
      kernels: 3,
      dispatches: 3,
      bindGroups: 3,
      uniformWrites: 3,
      uploads: 4,
      scalarUploads: 3,
      stagingBuffers: 3,
      scalarStagingBuffers: 3,
      buffersCreated: 4,
      submits: 1,
      readBacks: 1,
      computePasses: 0,
    });
    const byKernel = counter.byKernel();
    expect(byKernel.get('CountedMultiply')).toMatchObject({ kernels: 3, dispatches: 3, scalarUploads: 3 });
    expect(byKernel.get(OUTSIDE_KERNELS)).toMatchObject({ uploads: 1, scalarUploads: 0, submits: 1 });
    counter.reset();
    expect(counter.totals().dispatches).toBe(0);
    expect(counter.byKernel().size).toBe(0);
    x.dispose();
  });
});
