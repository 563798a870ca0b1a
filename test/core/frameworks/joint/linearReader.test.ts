import { describe, expect, it } from 'vitest';
import {
  choleskySolve,
  fitRidgeProbe,
  readerAccuracy,
} from '../../../../src/core/frameworks/joint/linearReader';
import { expectClose, normals } from '../../../helpers/tensors';

describe('choleskySolve', () => {
  it('solves a symmetric positive definite system', () => {
    // S = [[4, 2], [2, 3]], X = [[1, 2], [3, -1]] -> B = S X = [[10, 6], [11, 1]].
    const X = choleskySolve(Float64Array.from([4, 2, 2, 3]), 2, Float64Array.from([10, 6, 11, 1]), 2);
    expectClose(X, [1, 2, 3, -1], 1e-12);
  });
});

describe('readerAccuracy', () => {
  it('takes the argmax within each attribute block', () => {
    // d = 1, two attributes of 2 and 3 values; logits = code · w + b.
    const reader = {
      d: 1,
      sizes: [2, 3],
      weights: Float32Array.from([1, -1, 0, 1, 2]),
      bias: new Float32Array(5),
    };
    const codes = Float32Array.from([1, -1]);
    // Row 0: attribute 0 -> value 0, attribute 1 -> value 2. Row 1: value 1, value 0.
    const labels = Int32Array.from([0, 2, 1, 1]);
    const acc = readerAccuracy(reader, codes, labels);
    expect(acc.perAttribute).toEqual([1, 0.5]);
    expect(acc.mean).toBe(0.75);
    expect(readerAccuracy(reader, codes, labels, [0]).mean).toBe(1);
  });
});

describe('fitRidgeProbe', () => {
  it('reads attributes that are linear in the code, and only chance from noise', () => {
    const n = 400;
    const d = 6;
    const noise = normals(n * d, 1, 0.1);
    const labels = new Int32Array(n * 2);
    const codes = new Float32Array(n * d);
    for (let i = 0; i < n; i++) {
      const a = i % 3;
      const b = (i >> 2) % 2;
      labels.set([a, b], i * 2);
      // Attribute a is one of three directions, b the sign of a fourth.
      for (let k = 0; k < d; k++)
        codes[i * d + k] = noise[i * d + k] + (k === a ? 1 : 0) + (k === 3 ? (b ? 1 : -1) : 0);
    }
    const probe = fitRidgeProbe(codes, d, labels, [3, 2]);
    expect(readerAccuracy(probe, codes, labels).mean).toBe(1);
    const chance = fitRidgeProbe(normals(n * d, 2), d, labels, [3, 2]);
    expect(readerAccuracy(chance, normals(n * d, 3), labels).mean).toBeLessThan(0.65);
  });

  it('stays finite on constant codes', () => {
    const probe = fitRidgeProbe(new Float32Array(40).fill(0.5), 4, new Int32Array(10), [2]);
    expect([...probe.weights, ...probe.bias].every(Number.isFinite)).toBe(true);
  });
});
