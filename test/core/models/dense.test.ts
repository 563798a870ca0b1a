import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { createRng } from '../../../src/core/random/rng';
import { ParamStore } from '../../../src/core/models/params';
import { activate, createDense, l2Normalize } from '../../../src/core/models/dense';
import { createEmbedding } from '../../../src/core/models/embedding';
import { expectClose, normals, values } from '../../helpers/tensors';

beforeAll(() => useNodeBackend('cpu'));

describe('ParamStore', () => {
  it('counts, names and disposes its variables, freeing their memory', () => {
    const before = tf.memory();
    const params = new ParamStore();
    params.zeros('a', [2, 3]);
    params.constant('b', [4], 0.5);
    // Glorot bound for [10, 20]: √(6 / 30) = 0.447214.
    const g = params.glorot('g', [10, 20], createRng(1));
    expect(params.count()).toBe(6 + 4 + 200);
    expect(Math.max(...g.dataSync().map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(6 / 30));
    expect(() => params.zeros('a', [1])).toThrow(/duplicate parameter name 'a'/);
    params.dispose();
    expect(params.count()).toBe(0);
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
  });

  it('lets two stores use the same names', () => {
    const a = new ParamStore();
    const b = new ParamStore();
    expect(() => {
      a.zeros('w', [1]);
      b.zeros('w', [1]);
    }).not.toThrow();
    a.dispose();
    b.dispose();
  });

  it('initialises identically from the same seed', async () => {
    const a = new ParamStore();
    const b = new ParamStore();
    const wa = a.glorot('w', [5, 7], createRng(9));
    const wb = b.glorot('w', [5, 7], createRng(9));
    expect(await values(wa)).toEqual(await values(wb));
    a.dispose();
    b.dispose();
  });
});

describe('createDense', () => {
  it('maps [batch, in] to [batch, out] with in·out + out weights', () => {
    const params = new ParamStore();
    const dense = createDense(params, 'fc', 3, 4, createRng(1), 'relu');
    expect(params.count()).toBe(3 * 4 + 4);
    expect([dense.inDim, dense.outDim]).toEqual([3, 4]);
    const y = tf.tidy(() => dense.apply(tf.tensor2d(normals(15, 2), [5, 3])));
    expect(y.shape).toEqual([5, 4]);
    expect(Math.min(...y.dataSync())).toBeGreaterThanOrEqual(0);
    y.dispose();
    params.dispose();
  });

  it('computes x W + b', async () => {
    const params = new ParamStore();
    const dense = createDense(params, 'fc', 2, 1, createRng(1));
    // W = [[2], [−1]], b = [0.5]: (1, 3) -> 2 − 3 + 0.5 = −0.5.
    tf.tidy(() => {
      params.variables[0].assign(tf.tensor2d([[2], [-1]]));
      params.variables[1].assign(tf.tensor1d([0.5]));
    });
    const y = tf.tidy(() => dense.apply(tf.tensor2d([[1, 3]])));
    expectClose(await values(y), [-0.5]);
    y.dispose();
    params.dispose();
  });

  it('activate applies each activation', async () => {
    const x = tf.tensor1d([-1, 0, 2]);
    const out = tf.tidy(() => [
      activate(x, 'relu'),
      activate(x, 'tanh'),
      activate(x, 'sigmoid'),
      activate(x, 'linear'),
    ]);
    expectClose(await values(out[0]), [0, 0, 2]);
    expectClose(await values(out[1]), [Math.tanh(-1), 0, Math.tanh(2)]);
    expectClose(await values(out[2]), [1 / (1 + Math.E), 0.5, 1 / (1 + Math.exp(-2))]);
    expectClose(await values(out[3]), [-1, 0, 2]);
    tf.dispose([x, ...out]);
  });
});

describe('l2Normalize', () => {
  it('gives unit rows and keeps a zero row finite', async () => {
    const y = tf.tidy(() =>
      l2Normalize(
        tf.tensor2d([
          [3, 4],
          [0, 0],
        ]),
      ),
    );
    expectClose(await values(y), [0.6, 0.8, 0, 0]);
    y.dispose();
  });
});

describe('createEmbedding', () => {
  it('looks up rows of the table as one-hot products', async () => {
    const params = new ParamStore();
    const emb = createEmbedding(params, 'e', 4, 3, createRng(1));
    const table = await values(params.variables[0]);
    const rows = tf.tidy(() => emb.lookup(tf.tensor1d([2, 0, 2], 'int32')));
    expect(rows.shape).toEqual([3, 3]);
    expectClose(await values(rows), [...table.slice(6, 9), ...table.slice(0, 3), ...table.slice(6, 9)], 1e-6);
    rows.dispose();
    params.dispose();
  });
});
