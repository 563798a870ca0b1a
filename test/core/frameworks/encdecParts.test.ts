import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { IMAGE_LENGTH, imageFloats } from '../../../src/core/data/pairs';
import { drawingFor, renderImage } from '../../../src/core/data/shapes/render';
import { generateShapeCaptions } from '../../../src/core/data/shapes/shapeCaptions';
import { depthToSpace2, pixelCrossEntropy } from '../../../src/core/frameworks/encdec/imageDecoder';
import { consistencyLoss } from '../../../src/core/frameworks/encdec/consistency';
import { CROP, JUDGE_FEATURES, judgeFeatures } from '../../../src/core/frameworks/encdec/judgeFeatures';
import { trainAttributeJudge } from '../../../src/core/frameworks/encdec/attributeJudge';
import { attributeAccuracy, MISSING } from '../../../src/core/frameworks/encdec/attributeAccuracy';
import { expectClose, values } from '../../helpers/tensors';

beforeAll(() => useNodeBackend('cpu'));

describe('image decoder', () => {
  it('depthToSpace2 sends channel (2·dy + dx)·c + ch to sub-pixel (dy, dx)', async () => {
    const x = tf.tensor4d([1, 2, 3, 4, 10, 20, 30, 40], [1, 1, 2, 4]);
    const y = depthToSpace2(x);
    expect(y.shape).toEqual([1, 2, 4, 1]);
    expectClose(await values(y), [1, 2, 10, 20, 3, 4, 30, 40]);
    tf.dispose([x, y]);
  });
});

describe('attribute judge', () => {
  it('reads the same mask features for a shape in any colour and at any place', () => {
    const image = (shape: number, colour: number, position: number) => {
      const out = new Float32Array(IMAGE_LENGTH);
      renderImage(out, 0, drawingFor({ shape, colour, size: 2, position }, null), 0.08, 0, null);
      return out;
    };
    const a = judgeFeatures(image(4, 0, 4));
    const b = judgeFeatures(image(4, 6, 0));
    expect(a.length).toBe(JUDGE_FEATURES);
    // The mask crop is colour- and position-free (up to sub-pixel resampling: a small mean difference); the centroid is not.
    let diff = 0;
    for (let k = 0; k < CROP * CROP; k++) diff += Math.abs(a[k] - b[k]) / (CROP * CROP);
    expect(diff).toBeLessThan(0.03);
    expect(Math.abs(a[CROP * CROP + 1] - b[CROP * CROP + 1])).toBeGreaterThan(0.15);
    // An empty image gives all-zero features.
    expect(Math.max(...judgeFeatures(new Float32Array(IMAGE_LENGTH).fill(0.08)))).toBe(0);
  });

  it('trained on real images, recognises the attributes of unseen real ones, held-out combinations too', async () => {
    const data = generateShapeCaptions({ seed: 9, trainSize: 600, evalSize: 160 });
    const before = tf.memory().numTensors;
    const judge = await trainAttributeJudge(data.train, data.schema!, { seed: 1 });
    const predicted = await judge.predict(imageFloats(data.eval.images, 0, data.eval.size));
    judge.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const scores = attributeAccuracy(predicted, data.eval.attributes!, data.schema!.names, data.eval.heldOut);
    for (const split of [scores.seen, scores.heldOut]) {
      expect(split.colour).toBeGreaterThan(0.95);
      expect(split.position).toBeGreaterThan(0.95);
      expect(split.size).toBeGreaterThan(0.9);
      expect(split.shape).toBeGreaterThan(0.75);
    }
  });
});

describe('encoder-decoder losses', () => {
  it('pixel cross-entropy equals the Bernoulli negative log-likelihood', async () => {
    const loss = tf.tidy(() => pixelCrossEntropy(tf.tensor2d([[0, 2, -3]]), tf.tensor2d([[0.5, 1, 0.2]])));
    const s = (z: number) => 1 / (1 + Math.exp(-z));
    const bce = (z: number, y: number) => -(y * Math.log(s(z)) + (1 - y) * Math.log(1 - s(z)));
    expectClose(await values(loss), [(bce(0, 0.5) + bce(2, 1) + bce(-3, 0.2)) / 3], 1e-6);
    loss.dispose();
  });

  it('consistency (mse) is the mean squared distance of unit latents: 2 − 2 cos', async () => {
    const loss = tf.tidy(() =>
      consistencyLoss(
        tf.tensor2d([
          [1, 0],
          [0, 1],
        ]),
        tf.tensor2d([
          [0, 1],
          [0, 1],
        ]),
        'mse',
      ),
    );
    // Pair 0 orthogonal (distance² 2), pair 1 identical (0).
    expectClose(await values(loss), [1], 1e-6);
    loss.dispose();
  });
});

describe('attribute accuracy', () => {
  it('scores each attribute and the whole item, seen and held-out apart', () => {
    const names = ['shape', 'colour'];
    const truth = Int32Array.from([0, 1, 2, 3, 4, 5]);
    const predicted = Int32Array.from([0, 1, 2, MISSING, 4, 0]);
    const scores = attributeAccuracy(predicted, truth, names, Uint8Array.from([0, 0, 1]));
    expect(scores.seen).toEqual({ shape: 1, colour: 0.5, all: 0.5, count: 2 });
    expect(scores.heldOut).toEqual({ shape: 1, colour: 0, all: 0, count: 1 });
  });
});
