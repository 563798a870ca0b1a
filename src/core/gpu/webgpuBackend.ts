/**
 * The parts of tfjs-backend-webgpu 4.22's WebGPUBackend that a hand-written compute pass needs: its
 * device, the GPU buffer behind a tensor, its buffer pool, and the command encoder and compute pass its
 * own kernels record into. Recording into the same pass keeps our dispatches in order with TF.js's and
 * submits them together; the bookkeeping below mirrors `recordAndSubmit` in backend_webgpu.js.
 *
 * Core code imports no backend package: the backend is reached through `tf.backend()` when its name is
 * 'webgpu', and `webgpuBackend()` returns null elsewhere (or if a later tfjs changes these fields).
 */
import { tf } from '../tf';

interface TensorData {
  resource: GPUBuffer | null;
  dtype: string;
}

interface BufferManager {
  acquireBuffer(size: number, usage: number): GPUBuffer;
}

/** The fields of tfjs-backend-webgpu's WebGPUBackend used here (not part of its typed API). */
export interface WebGpuInternals {
  device: GPUDevice;
  queue: GPUQueue;
  bufferManager: BufferManager;
  tensorMap: { get(dataId: object): TensorData | undefined };
  commandEncoder: GPUCommandEncoder | null;
  computePassEncoder: GPUComputePassEncoder | null;
  dispatchCountInPass: number;
  commandQueueOwnedIds: WeakSet<object>;
  uniformPendingDisposal: GPUBuffer[];
  uploadToGPU(dataId: object): void;
  makeTensorInfo(shape: number[], dtype: 'float32'): tf.TensorInfo;
  ensureCommandEncoderReady(): void;
  endComputePassEncoder(): void;
  submitQueue(): void;
}

/** The running webgpu backend's internals, or null on any other backend. */
export function webgpuBackend(): WebGpuInternals | null {
  if (tf.getBackend() !== 'webgpu') return null;
  const b = tf.backend() as unknown as Partial<WebGpuInternals>;
  const ok =
    b.device &&
    b.queue &&
    b.bufferManager &&
    b.tensorMap &&
    b.commandQueueOwnedIds &&
    b.uniformPendingDisposal;
  return ok ? (b as WebGpuInternals) : null;
}

/** The GPU buffer holding `t`'s values (uploaded first if they are still on the CPU). */
export function bufferOf(backend: WebGpuInternals, t: tf.TensorInfo): GPUBuffer {
  backend.uploadToGPU(t.dataId);
  const data = backend.tensorMap.get(t.dataId);
  if (!data?.resource || data.dtype !== 'float32')
    throw new Error('webgpu: expected a float32 tensor held in a GPU buffer');
  backend.commandQueueOwnedIds.add(t.dataId);
  return data.resource;
}

/** A new float32 tensor whose (pooled, uninitialised) GPU buffer a dispatch will fill. */
export function outputTensor(
  backend: WebGpuInternals,
  shape: number[],
): { tensor: tf.Tensor; buffer: GPUBuffer } {
  const info = backend.makeTensorInfo(shape, 'float32');
  const buffer = bufferOf(backend, info);
  return { tensor: tf.engine().makeTensorFromTensorInfo(info), buffer };
}

/**
 * A uniform buffer holding `values` (f32) for the dispatches recorded until the next submit: taken from
 * the pool and handed back at that submit, as tfjs does with its own uniforms, so a later write cannot
 * change what an earlier, not yet submitted dispatch reads.
 */
export function uniformBuffer(backend: WebGpuInternals, values: Float32Array): GPUBuffer {
  const size = Math.ceil(values.byteLength / 16) * 16;
  const buffer = backend.bufferManager.acquireBuffer(size, GPUBufferUsage.COPY_DST | GPUBufferUsage.UNIFORM);
  backend.queue.writeBuffer(buffer, 0, values.buffer, values.byteOffset, values.byteLength);
  backend.uniformPendingDisposal.push(buffer);
  return buffer;
}

/**
 * Records one dispatch into the backend's compute pass; submits when tfjs would (its batch size), and
 * says whether it did (the uniform buffers of the dispatches so far went back to the pool then).
 */
export function recordDispatch(
  backend: WebGpuInternals,
  pipeline: GPUComputePipeline,
  bindGroup: GPUBindGroup,
  workgroups: [number, number],
): boolean {
  backend.ensureCommandEncoderReady();
  backend.computePassEncoder ??= backend.commandEncoder!.beginComputePass({});
  const pass = backend.computePassEncoder;
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bindGroup);
  pass.dispatchWorkgroups(workgroups[0], workgroups[1]);
  backend.dispatchCountInPass++;
  if (Number(tf.env().get('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE')) <= backend.dispatchCountInPass) {
    backend.endComputePassEncoder();
    backend.submitQueue();
    return true;
  }
  return false;
}

/** Workgroups for `n` threads in groups of `size`, spread over y past WebGPU's 65,535 per dimension. */
export function workgroupsFor(n: number, size: number): [number, number] {
  const groups = Math.max(1, Math.ceil(n / size));
  const x = Math.min(groups, 65535);
  return [x, Math.ceil(groups / x)];
}
