/**
 * TF.js in the browser (the training worker): registers every gradient and the four backends, and
 * finds out which can run here. Imported only by the worker; core code never sees a backend by name.
 */
// tfjs-core first: its flags must be registered before the gradient and backend modules run (the dev
// server's pre-bundled chunks would otherwise evaluate a backend that reads DEBUG before it exists).
import '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { tf } from '../core/tf';
import type { BackendAvailability, BackendName } from './backendInfo';

// The .wasm binaries are bundled by Vite and loaded from relative URLs, so the app works from any path.
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
});
// Threaded WASM needs cross-origin isolation and hangs in minified builds (tfjs#4107); one thread is
// as fast on small models, and the page can be served from any static host.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
// Skips debug-mode checks on every op; errors are still thrown.
tf.env().set('PROD', true);

/** Describes the WebGPU adapter, or says why there is none. Never throws. */
async function probeWebGpu(): Promise<BackendAvailability> {
  const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu) return { name: 'webgpu', available: false, note: 'This browser has no WebGPU.' };
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter)
      return { name: 'webgpu', available: false, note: 'WebGPU offers no adapter on this device.' };
    const info = adapter.info;
    const fallback = Boolean((info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter);
    const adapterName =
      [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unknown GPU';
    return {
      name: 'webgpu',
      available: true,
      adapter: adapterName,
      fallbackAdapter: fallback,
      ...(fallback
        ? { note: 'The WebGPU adapter is a software fallback (no GPU), slower than the other backends.' }
        : {}),
    };
  } catch (e) {
    return { name: 'webgpu', available: false, note: `WebGPU failed to start: ${String(e)}` };
  }
}

function probeWebGl(): BackendAvailability {
  try {
    const canvas = new OffscreenCanvas(1, 1);
    const gl = canvas.getContext('webgl2');
    if (!gl) return { name: 'webgl', available: false, note: 'WebGL 2 is not available here.' };
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = debug
      ? String(gl.getParameter(debug.UNMASKED_RENDERER_WEBGL))
      : String(gl.getParameter(gl.RENDERER));
    const software = /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer);
    return {
      name: 'webgl',
      available: true,
      adapter: renderer,
      ...(software ? { note: 'WebGL runs on a software renderer (no GPU).', softwareRenderer: true } : {}),
    };
  } catch (e) {
    return { name: 'webgl', available: false, note: `WebGL failed to start: ${String(e)}` };
  }
}

/** What each backend can do in this browser, without starting TF.js on any of them. */
export async function detectBackends(): Promise<BackendAvailability[]> {
  const wasm: BackendAvailability =
    typeof WebAssembly === 'object'
      ? { name: 'wasm', available: true }
      : { name: 'wasm', available: false, note: 'WebAssembly is disabled in this browser.' };
  return [await probeWebGpu(), probeWebGl(), wasm, { name: 'cpu', available: true }];
}

/** Switches TF.js to `name`; resolves false (with the engine left on its previous backend) on failure. */
export async function activateBackend(name: BackendName): Promise<boolean> {
  try {
    const ok = await tf.setBackend(name);
    if (ok) await tf.ready();
    return ok;
  } catch {
    return false;
  }
}
