/**
 * Failures of the backend rather than of the run: a WebGPU device lost (the driver reset, the GPU was
 * unplugged or another tab took its memory) or memory running out. tfjs-backend-webgpu 4.22 never looks
 * at `GPUDevice.lost`: after a loss its kernels are silently dropped and the next read-back rejects, so
 * the session watches the device itself and says what happened instead of a bare "mapAsync" error.
 */
import { tf } from '../core/tf';
import type { WorkerFault } from './protocol';

/** Out-of-memory failures of every backend, as the browsers word them. */
const OUT_OF_MEMORY =
  /out of memory|allocation failed|Maximum memory size|Cannot enlarge memory|WebAssembly\.Memory|CONTEXT_LOST|context (was )?lost|device (is |was )?lost/i;

/** 'backend' when `e` reads as the backend's own failure (device lost, memory exhausted). */
export function faultOf(e: unknown): WorkerFault | undefined {
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return OUT_OF_MEMORY.test(message) ? 'backend' : undefined;
}

/** The WebGPU device of the active backend, when the active backend is WebGPU. */
export function activeGpuDevice(): GPUDevice | null {
  if (tf.getBackend() !== 'webgpu') return null;
  const backend = tf.backend() as unknown as { device?: GPUDevice };
  return backend.device ?? null;
}

const watched = new WeakSet<GPUDevice>();

/**
 * Calls `onLost` with a readable reason once the active WebGPU device is lost (not for a device
 * destroyed on purpose when the backend is disposed: tfjs never does that while training). Does
 * nothing on other backends, and watches each device once.
 */
export function watchDeviceLoss(onLost: (reason: string) => void): void {
  const device = activeGpuDevice();
  if (!device || watched.has(device)) return;
  watched.add(device);
  void device.lost.then((info) => {
    const why = info.message ? `: ${info.message}` : '';
    onLost(`The WebGPU device was lost (${info.reason || 'unknown'}${why}).`);
  });
}
