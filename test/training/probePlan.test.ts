import { describe, expect, it } from 'vitest';
import { notTimedWhy, probePlan } from '../../src/training/probePlan';
import type { BackendAvailability } from '../../src/training/backendInfo';

const wasm: BackendAvailability = { name: 'wasm', available: true };
const cpu: BackendAvailability = { name: 'cpu', available: true };
const softWebGpu: BackendAvailability = { name: 'webgpu', available: true, fallbackAdapter: true };
const softWebGl: BackendAvailability = { name: 'webgl', available: true, softwareRenderer: true };
const gpuWebGl: BackendAvailability = { name: 'webgl', available: true, adapter: 'ANGLE (NVIDIA)' };
const names = (list: BackendAvailability[]) => list.map((c) => c.name);

describe('probePlan: which backends an automatic choice times', () => {
  it('on a machine without a GPU times WebAssembly alone and says why the rest were not', () => {
    const { timed, notTimed } = probePlan([cpu, softWebGl, softWebGpu, wasm]);
    expect(names(timed)).toEqual(['wasm']);
    expect(names(notTimed)).toEqual(['cpu', 'webgl', 'webgpu']);
    expect(notTimed.map(notTimedWhy)).toEqual([
      'always slower than WebAssembly',
      'which renders in software here',
      'its adapter is a software fallback',
    ]);
  });

  it('times a hardware WebGL against WebAssembly, WebAssembly first', () => {
    const { timed, notTimed } = probePlan([gpuWebGl, cpu, wasm]);
    expect(names(timed)).toEqual(['wasm', 'webgl']);
    expect(names(notTimed)).toEqual(['cpu']);
  });

  it('times the emulations when the model cannot train on WebAssembly', () => {
    const { timed, notTimed } = probePlan([cpu, softWebGl, softWebGpu]);
    expect(names(timed)).toEqual(['webgl', 'cpu']);
    expect(names(notTimed)).toEqual(['webgpu']);
  });
});
