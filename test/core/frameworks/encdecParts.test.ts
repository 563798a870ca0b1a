import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf';
import { useNodeBackend } from '../../../src/cli/nodeBackends';
import { IMAGE_LENGTH } from '../../../src/core/data/pairs';
import { drawingFor, renderImage } from '../../../src/core/data/shapes/render';
import { generateShapeCaptions } from '../../../src/core/data/shapes/shapeCaptions';
import { depthToSpace2 } from '../../../src/core/frameworks/encdec/imageDecoder';
import { CROP, JUDGE_FEATURES, judgeFeatures } from '../../../src/core/frameworks/encdec/judgeFeatures';
import { trainAttributeJudge } from '../../../src/core/frameworks/encdec/attributeJudge';
import { attributeAccuracy } from '../../../src/core/frameworks/encdec/attributeAccuracy';
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
    for (let k = 0; k < CROP * CROP; k++) diff += Math.abs(a[k]! - b[k]!) / (CROP * CROP);
    expect(diff).toBeLessThan(0.03);
    expect(Math.abs(a[CROP * CROP + 1]! - b[CROP * CROP + 1]!)).toBeGreaterThan(0.15);
    // An empty image gives all-zero features.
    expect(Math.max(...judgeFeatures(new Float32Array(IMAGE_LENGTH).fill(0.08)))).toBe(0);
  });

  it('trained on real images, recognises the attributes of unseen real ones, held-out combinations too', async () => {
    const data = generateShapeCaptions({ seed: 9, trainSize: 600, evalSize: 160 });
    const before = tf.memory().numTensors;
    const judge = await trainAttributeJudge(data.train, data.schema!, { seed: 1 });
    const predicted = await judge.predict(data.eval.images);
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
