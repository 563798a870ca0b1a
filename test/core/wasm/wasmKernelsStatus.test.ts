import { afterEach, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import {
  describeWasmKernels,
  relaxedSimdSupported,
  wasmKernelOptions,
  wasmKernels,
} from '../../../src/core/wasm/wasmKernels';

afterEach(async () => {
  wasmKernelOptions.enabled = true;
  await useNodeBackend('wasm');
});

describe('describeWasmKernels', () => {
  it('names the flavour the wasm backend runs, the one wasmKernels() gives', async () => {
    await useNodeBackend('wasm');
    const flavour = wasmKernels()?.flavour;
    // Node 20 validates relaxed SIMD only behind --experimental-wasm-relaxed-simd; Chromium always.
    expect(flavour).toBe(relaxedSimdSupported() ? 'relaxed' : 'simd');
    expect(describeWasmKernels()).toBe(flavour === 'relaxed' ? 'relaxed SIMD kernels' : 'SIMD kernels');
  });

  it('says TF.js kernels run, and why, where the project’s do not', async () => {
    await useNodeBackend('wasm');
    wasmKernelOptions.enabled = false;
    expect(wasmKernels()).toBeNull();
    expect(describeWasmKernels()).toBe('TF.js kernels (the project’s kernels are switched off)');
    wasmKernelOptions.enabled = true;
    await useNodeBackend('cpu');
    expect(wasmKernels()).toBeNull();
    expect(describeWasmKernels()).toBe('TF.js kernels (the backend is cpu, not wasm)');
  });
});
