import { describe, expect, it } from 'vitest';
import { probePairs, typedArrayBuffers } from '../../src/training/inspection';

describe('probe pairs', () => {
  it('takes half from the seen pairs and half from the held-out ones, seen first', () => {
    const heldOut = [0, 1, 0, 1, 1, 0, 0];
    expect(probePairs(heldOut, 7, 4)).toEqual([0, 2, 1, 3]);
  });

  it('fills from the other split when one is short, and from all pairs without held-out flags', () => {
    expect(probePairs([1, 1, 0, 1, 1], 5, 4)).toEqual([2, 0, 1, 3]);
    expect(probePairs([0, 0, 0, 0, 0], 5, 4)).toEqual([0, 1, 2, 3]);
    expect(probePairs(undefined, 3, 4)).toEqual([0, 1, 2]);
    expect(probePairs(undefined, 10, 3)).toEqual([0, 1, 2]);
  });
});

describe('typed array buffers for a transfer list', () => {
  it('finds every whole-buffer typed array once, at any depth, and skips views into larger buffers', () => {
    const a = new Uint8Array(4);
    const b = new Float32Array(2);
    const big = new Uint8Array(100);
    const value = {
      kind: 'x',
      pairs: [{ image: a, again: a, words: [{ word: 'red', p: 0.5 }] }, { nested: { b } }],
      view: big.subarray(10, 20),
      nothing: null,
    };
    const buffers = typedArrayBuffers(value);
    expect(buffers).toHaveLength(2);
    expect(buffers).toContain(a.buffer);
    expect(buffers).toContain(b.buffer);
    expect(typedArrayBuffers(undefined)).toEqual([]);
  });
});
