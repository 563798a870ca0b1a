import { describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { createRng } from '../../../src/core/random/rng';
import { ParamStore } from '../../../src/core/models/params';
import { createImageEncoder, imageEncoderUnsupported } from '../../../src/core/models/imageEncoders';
import { IMAGE_ENCODERS } from '../../../src/core/models/encoderNames';
import { TensorBatch } from '../../../src/core/data/batch';
import { hostBatch, normals } from '../../helpers/tensors';

const HIDDEN = 8;
// Four seeded noise images; the captions are empty (image encoders never read them).
const HOST = hostBatch([[], [], [], []], 5);
const batch = () => new TensorBatch(HOST, 4, 2);

describe('image encoders', () => {
  for (const name of IMAGE_ENCODERS) {
    it(`'${name}' maps [b, 32, 32, 3] images to [b, hidden] on cpu`, async () => {
      await useNodeBackend('cpu');
      const before = tf.memory().numTensors;
      const params = new ParamStore();
      const encoder = createImageEncoder(name, params, HIDDEN, createRng(1));
      const y = tf.tidy(() => encoder.apply(batch()));
      expect(encoder.outDim).toBe(HIDDEN);
      expect(y.shape).toEqual([4, HIDDEN]);
      expect((await y.data()).every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
      y.dispose();
      params.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it("'cnn' and 'cnn-portable' compute the same features from the same seed", async () => {
    await useNodeBackend('cpu');
    const features = IMAGE_ENCODERS.filter((n) => n !== 'mlp').map((name) => {
      const params = new ParamStore();
      const encoder = createImageEncoder(name, params, HIDDEN, createRng(1));
      const y = tf.tidy(() => encoder.apply(batch()).dataSync());
      params.dispose();
      return Array.from(y);
    });
    features[1].forEach((v, i) => expect(v).toBeCloseTo(features[0][i], 4));
  });

  const trainable = IMAGE_ENCODERS.filter((name) => imageEncoderUnsupported(name, 'wasm') === null);

  it("trains every encoder but 'cnn' on wasm", () => {
    expect(trainable).toEqual(IMAGE_ENCODERS.filter((name) => name !== 'cnn'));
  });

  for (const name of trainable) {
    it(`'${name}' trains on 'wasm': a few Adam steps decrease a regression loss`, async () => {
      await useNodeBackend('wasm');
      const before = tf.memory().numTensors;
      const params = new ParamStore();
      const encoder = createImageEncoder(name, params, HIDDEN, createRng(1));
      const target = tf.tensor2d(normals(4 * HIDDEN, 2, 0.5).map(Math.abs), [4, HIDDEN]);
      const optimizer = tf.train.adam(0.001);
      const losses: number[] = [];
      for (let step = 0; step < 6; step++) {
        const loss = optimizer.minimize(
          () => tf.mean(tf.squaredDifference(encoder.apply(batch()), target)),
          true,
          params.variables,
        );
        losses.push((await loss!.data())[0]);
        loss!.dispose();
      }
      expect(losses.every(Number.isFinite)).toBe(true);
      expect(losses[5]).toBeLessThan(losses[0] * 0.9);
      optimizer.dispose();
      target.dispose();
      params.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it("explains why 'cnn' cannot train on wasm", () => {
    const message = imageEncoderUnsupported('cnn', 'wasm');
    expect(message).toMatch(/WASM/);
    expect(message).toMatch(/cnn-portable/);
    expect(imageEncoderUnsupported('cnn', 'cpu')).toBeNull();
    expect(imageEncoderUnsupported('cnn', 'webgl')).toBeNull();
    expect(imageEncoderUnsupported('cnn-portable', 'wasm')).toBeNull();
    expect(imageEncoderUnsupported('mlp', 'wasm')).toBeNull();
  });
});
