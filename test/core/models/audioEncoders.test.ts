import { describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { NODE_BACKENDS, useNodeBackend } from '../../../src/cli/nodeBackends';
import { createRng } from '../../../src/core/random/rng';
import { ParamStore } from '../../../src/core/models/params';
import { createAudioEncoder, createConv1d } from '../../../src/core/models/audioEncoders';
import { AUDIO_ENCODERS } from '../../../src/core/models/encoderNames';
import { TensorBatch, type HostBatch } from '../../../src/core/data/batch';
import { AUDIO_FRAMES, AUDIO_LENGTH, AUDIO_MELS } from '../../../src/core/data/pairs';
import { expectClose, hostBatch, normals, values } from '../../helpers/tensors';

const HIDDEN = 8;
/** Four rows of seeded features in about [-1, 1]. */
const HOST: HostBatch = { ...hostBatch([[], [], [], []], 5), audio: normals(4 * AUDIO_LENGTH, 9, 0.5) };
const batch = () => new TensorBatch(HOST, 4, 2);

/** Weights each encoder has, from its doc comment. */
const EXPECTED_PARAMS: Record<(typeof AUDIO_ENCODERS)[number], number> = {
  mlp: AUDIO_LENGTH * HIDDEN + HIDDEN,
  conv1d: 5 * 40 * 32 + 32 + 3 * 32 * 64 + 64 + 64 * HIDDEN + HIDDEN,
};

describe('audio encoders', () => {
  for (const name of AUDIO_ENCODERS) {
    it(`'${name}' maps [b, ${AUDIO_FRAMES}, ${AUDIO_MELS}] features to [b, hidden] with the documented weight count`, async () => {
      await useNodeBackend('cpu');
      const before = tf.memory().numTensors;
      const params = new ParamStore();
      const encoder = createAudioEncoder(name, params, HIDDEN, createRng(1));
      expect(params.count()).toBe(EXPECTED_PARAMS[name]);
      const y = tf.tidy(() => encoder.apply(batch()));
      expect(encoder.outDim).toBe(HIDDEN);
      expect(y.shape).toEqual([4, HIDDEN]);
      const v = await y.data();
      expect(v.every((x) => Number.isFinite(x) && x >= 0)).toBe(true);
      expect(v.some((x) => x > 0)).toBe(true);
      y.dispose();
      params.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });

    for (const backend of NODE_BACKENDS) {
      it(`'${name}' trains on '${backend}': a few Adam steps decrease a regression loss`, async () => {
        await useNodeBackend(backend);
        const before = tf.memory().numTensors;
        const params = new ParamStore();
        const encoder = createAudioEncoder(name, params, HIDDEN, createRng(1));
        const target = tf.tensor2d(normals(4 * HIDDEN, 2, 0.5).map(Math.abs), [4, HIDDEN]);
        const optimizer = tf.train.adam(0.003);
        const losses: number[] = [];
        for (let step = 0; step < 8; step++) {
          const loss = optimizer.minimize(
            () => tf.mean(tf.squaredDifference(encoder.apply(batch()), target)),
            true,
            params.variables,
          );
          losses.push((await loss!.data())[0]);
          loss!.dispose();
        }
        expect(losses.every(Number.isFinite)).toBe(true);
        expect(losses[7]).toBeLessThan(losses[0] * 0.9);
        optimizer.dispose();
        target.dispose();
        params.dispose();
        expect(tf.memory().numTensors).toBe(before);
      });
    }
  }
});

describe('createConv1d', () => {
  it('computes y[t, o] = b[o] + sum over taps d and inputs i of x[t + d - 1, i] k[d, i, o] (zero outside)', async () => {
    await useNodeBackend('cpu');
    const [T, CIN, COUT, W] = [4, 2, 3, 3];
    const params = new ParamStore();
    const conv = createConv1d(params, 'c', W, CIN, COUT, createRng(3));
    tf.tidy(() => params.variables[1].assign(tf.tensor1d([0.1, -0.2, 0.3])));
    const k = await values(params.variables[0]);
    const x = normals(T * CIN, 4);
    const y = await values(tf.tidy(() => conv.apply(tf.tensor3d(x, [1, T, CIN]))));
    const expected: number[] = [];
    for (let t = 0; t < T; t++) {
      for (let o = 0; o < COUT; o++) {
        let s = [0.1, -0.2, 0.3][o];
        for (let d = 0; d < W; d++) {
          const src = t + d - 1;
          if (src < 0 || src >= T) continue;
          for (let i = 0; i < CIN; i++) s += x[src * CIN + i] * k[(d * CIN + i) * COUT + o];
        }
        expected.push(s);
      }
    }
    expectClose(y, expected, 1e-5);
    params.dispose();
  });
});
