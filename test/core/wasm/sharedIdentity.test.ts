import { afterEach, describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { wasmKernelOptions, wasmKernels } from '../../../src/core/wasm/wasmKernels';

afterEach(() => {
  wasmKernelOptions.enabled = true;
});

/** Byte offset of a tensor's data in the wasm backend's memory. */
function offsetOf(t: tf.Tensor): number {
  return (tf.backend() as unknown as { getMemoryOffset(id: object): number }).getMemoryOffset(t.dataId);
}

describe('tf.clone on wasm with the kernels', () => {
  it('shares the memory, and the clone keeps its values when the variable is assigned and disposed', async () => {
    await useNodeBackend('wasm');
    expect(wasmKernels()).not.toBeNull(); // installs the sharing Identity
    const buffers = () => tf.backend().numDataIds();
    const before = buffers();
    const w = tf.tidy(() => tf.variable(tf.tensor1d([1, 2, 3, 4])));
    const copy = tf.clone(w);
    expect(offsetOf(copy)).toBe(offsetOf(w));
    expect(buffers() - before).toBe(1); // one buffer, not two
    const next = tf.tensor1d([5, 6, 7, 8]);
    w.assign(next);
    next.dispose();
    expect(Array.from(await copy.data())).toEqual([1, 2, 3, 4]);
    w.dispose();
    expect(Array.from(await copy.data())).toEqual([1, 2, 3, 4]);
    copy.dispose();
    expect(buffers()).toBe(before);
  });

  it('copies as TF.js does when the kernels are switched off', async () => {
    await useNodeBackend('wasm');
    wasmKernels();
    wasmKernelOptions.enabled = false;
    const x = tf.tensor1d([1, 2, 3]);
    const copy = tf.clone(x);
    expect(offsetOf(copy)).not.toBe(offsetOf(x));
    expect(Array.from(await copy.data())).toEqual([1, 2, 3]);
    tf.dispose([x, copy]);
  });
});
