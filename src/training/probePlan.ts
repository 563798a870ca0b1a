import type { BackendAvailability } from './backendInfo';

/** Backends timed in this order: the usual winner on machines without a GPU first, so the cut-off bites. */
const PROBE_ORDER = ['wasm', 'webgpu', 'webgl', 'cpu'] as const;

/**
 * Which usable backends an automatic choice times, in order, and which it leaves out. Emulations are not
 * worth the class's wait where WebAssembly can train the model: a software WebGPU adapter, software WebGL
 * (SwiftShader: 4-6x slower than WASM on every default model, and ~2 s to compile its shaders) and plain
 * JavaScript (17-23x slower, ~1.7 s for its first step). They are timed only if WASM fails to start.
 */
export function probePlan(usable: readonly BackendAvailability[]): {
  timed: BackendAvailability[];
  notTimed: BackendAvailability[];
} {
  const wasmUsable = usable.some((c) => c.name === 'wasm');
  const notTimed = usable.filter(
    (c) =>
      (c.name === 'webgpu' && c.fallbackAdapter) ||
      (wasmUsable && ((c.name === 'webgl' && c.softwareRenderer) || c.name === 'cpu')),
  );
  const timed = usable
    .filter((c) => !notTimed.includes(c))
    .sort((a, b) => PROBE_ORDER.indexOf(a.name) - PROBE_ORDER.indexOf(b.name));
  return { timed, notTimed };
}

/** Why an automatic choice did not time a backend, in a few words. */
export function notTimedWhy(c: BackendAvailability): string {
  if (c.name === 'webgpu') return 'its adapter is a software fallback';
  if (c.name === 'webgl') return 'which renders in software here';
  return 'always slower than WebAssembly';
}
