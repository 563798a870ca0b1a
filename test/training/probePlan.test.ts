import { describe, expect, it } from 'vitest';
import {
  notTimedWhy,
  probeBackends,
  probePlan,
  probeReason,
  warmUpRulesOut,
  type TimeBackend,
} from '../../src/training/probePlan';
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

const hardWebGpu: BackendAvailability = { name: 'webgpu', available: true, adapter: 'NVIDIA H100' };
/** Fresh copies: the probe records its timings on the objects it is given. */
const fresh = (...list: BackendAvailability[]) => list.map((c) => ({ ...c }));

/** A timer that answers from a table (warm-up and steady ms per backend) and logs what it was asked. */
function fakeTimer(
  table: Partial<Record<BackendAvailability['name'], [warmUp: number, step: number] | null>>,
) {
  const asked: string[] = [];
  const time: TimeBackend = (c, bestSoFar) => {
    asked.push(c.name);
    const row = table[c.name];
    if (!row) return Promise.resolve(null);
    const [warmUp, step] = row;
    return Promise.resolve(
      warmUpRulesOut(warmUp, bestSoFar) ? { msPerStep: warmUp, warmUpOnly: true } : { msPerStep: step },
    );
  };
  return { time, asked };
}

describe('probeBackends: an automatic choice measures, a GPU included', () => {
  it('takes WebAssembly when a hardware WebGPU is slower per step, and says both timings', async () => {
    const { time, asked } = fakeTimer({ wasm: [30, 22], webgpu: [400, 110] });
    const outcome = await probeBackends(fresh(hardWebGpu, cpu, wasm), time);
    expect(asked).toEqual(['wasm', 'webgpu']);
    expect(names(outcome.ranked)).toEqual(['wasm', 'webgpu']);
    expect(probeReason(outcome)).toBe(
      'Measured on this model: WebAssembly 22 ms/step, WebGPU 110 ms/step: WebAssembly. ' +
        'Not timed: CPU (plain JS), always slower than WebAssembly.',
    );
  });

  it('takes a hardware WebGPU that is faster per step', async () => {
    const { time } = fakeTimer({ wasm: [30, 22], webgpu: [600, 6.5] });
    const outcome = await probeBackends(fresh(wasm, hardWebGpu), time);
    expect(outcome.ranked[0].name).toBe('webgpu');
    expect(probeReason(outcome)).toBe(
      'Measured on this model: WebAssembly 22 ms/step, WebGPU 6.5 ms/step: WebGPU.',
    );
  });

  it('does not time a software WebGPU adapter', async () => {
    const { time, asked } = fakeTimer({ wasm: [30, 22], webgpu: [50, 1] });
    const outcome = await probeBackends(fresh(softWebGpu, wasm), time);
    expect(asked).toEqual(['wasm']);
    expect(outcome.ranked[0].name).toBe('wasm');
    expect(probeReason(outcome)).toContain('Not timed: WebGPU, its adapter is a software fallback.');
  });

  it('stops after the warm-up step of a backend far slower than the best so far', async () => {
    // Cut-off for a 22 ms best: 20 x 22 + 1,000 ms of compiling = 1,440 ms.
    expect(warmUpRulesOut(1440, 22)).toBe(false);
    expect(warmUpRulesOut(1441, 22)).toBe(true);
    const { time } = fakeTimer({ wasm: [30, 22], webgpu: [3000, 5] });
    const outcome = await probeBackends(fresh(wasm, hardWebGpu), time);
    expect(names(outcome.ranked)).toEqual(['wasm', 'webgpu']);
    expect(probeReason(outcome)).toBe(
      'Measured on this model: WebAssembly 22 ms/step, ' +
        'WebGPU 3,000 ms for its first step (not timed further): WebAssembly.',
    );
  });

  it('times the left-out emulations when WebAssembly will not start, and marks it unavailable', async () => {
    const { time, asked } = fakeTimer({ wasm: null, webgl: [2000, 90], cpu: [1700, 400] });
    const list = fresh(wasm, softWebGl, cpu);
    const outcome = await probeBackends(list, time);
    expect(asked).toEqual(['wasm', 'webgl', 'cpu']);
    expect(list[0].available).toBe(false);
    expect(names(outcome.ranked)).toEqual(['webgl', 'cpu']);
    expect(outcome.notTimed).toEqual([]);
  });
});
