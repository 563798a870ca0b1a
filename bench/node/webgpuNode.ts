/**
 * WebGPU in Node: Dawn from the `webgpu` package on SwiftShader's Vulkan driver (the one Debian's
 * chromium ships). Must run before tfjs-backend-webgpu is imported, which looks for navigator.gpu.
 * Software rendering: correct, and far slower than a GPU.
 */
import { existsSync } from 'node:fs';

export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** Installs navigator.gpu; returns a reason when WebGPU cannot be had here, else null. */
export async function installNodeWebGpu(): Promise<string | null> {
  const icd = process.env.VK_ICD_FILENAMES ?? SWIFTSHADER_ICD;
  if (!existsSync(icd)) return `no Vulkan driver at ${icd} (install chromium or set VK_ICD_FILENAMES)`;
  process.env.VK_ICD_FILENAMES = icd;
  process.env.XDG_RUNTIME_DIR ??= '/tmp';
  const { create, globals } = (await import('webgpu')) as {
    create: (options: string[]) => GPU;
    globals: Record<string, unknown>;
  };
  Object.assign(globalThis, globals);
  const g = globalThis as unknown as { navigator?: { gpu?: GPU } };
  g.navigator ??= {};
  g.navigator.gpu = create([]);
  const adapter = await g.navigator.gpu.requestAdapter();
  return adapter ? null : 'Dawn found no adapter';
}
