/**
 * Whether training on the webgpu backend uses the fused paths of this folder (Adam in one dispatch per
 * variable, row normalisation and InfoNCE in one each, submits batched per chunk). On by default; the
 * bench switches it off to count the work per step of plain TF.js beside the fused one. Other backends
 * are not affected either way.
 */
import { tf } from '../tf';

export const gpuFusion = { enabled: true };

/**
 * Dispatches tfjs-webgpu records before it submits: its default, 15, submitted ~15 times per step. With
 * a fused step (~50 dispatches) a chunk's work goes out at its one read-back. The pool grew from 57 MB
 * to 270 MB when this was tried on the unfused step, whose ~130 one-use Adam temporaries wait for the
 * submit to be reused; the fused step has few.
 */
const SUBMIT_BATCH = 1000;

/** Sets the submit batch for the fused step on webgpu (tfjs's default with fusion off). */
export function configureGpuSubmits(): void {
  if (tf.getBackend() !== 'webgpu') return;
  tf.env().set('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE', gpuFusion.enabled ? SUBMIT_BATCH : 15);
}
