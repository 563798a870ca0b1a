import { tf } from '../../tf';
import { createRng } from '../../random/rng';
import { IMAGE_LENGTH, imageFloats, type AttributeSchema, type PairSet } from '../../data/pairs';
import { ParamStore } from '../../models/params';
import { createDense, type Dense } from '../../models/dense';
import { FEATURE_GROUPS, JUDGE_FEATURES, judgeFeatures } from './judgeFeatures';

/**
 * A small attribute classifier trained on real images, used to score generated ones: "does the image
 * drawn for 'a small red circle at the top' show a small red circle at the top?"
 *
 * It is kept apart from the generator on purpose: its weights live in their own ParamStore with their
 * own optimizer and are trained only on real training images, before it ever sees a generated one, and
 * no generator loss reads it. A judge trained together with the generator could be fooled by it (the
 * generator would learn to draw whatever the judge accepts), and then its verdicts would say nothing.
 *
 * It reads features made for the question (judgeFeatures.ts: the colour-free shape mask cut out around
 * its centroid, the area, the centroid, the core colour), standardised with the training set's mean and
 * spread, and each attribute has its own small network over its own features: dense(hidden, relu) then
 * softmax. A classifier on raw pixels learns 'star' separately at each place and in each colour, and
 * then misjudges the held-out combinations, the ones that matter most.
 */
export interface AttributeJudge {
  readonly schema: AttributeSchema;
  /** images: [n, 32, 32, 3] in [0, 1]. Returns [n, attributes] predicted value indices. */
  predict(images: Float32Array): Promise<Int32Array>;
  dispose(): void;
}

export interface JudgeOptions {
  /** Seeds the judge's weights and batches. */
  seed: number;
  /** Optimizer steps. Default: 20 passes over the set, at most 400. */
  steps?: number;
  /** Default 64. */
  batchSize?: number;
  /** Hidden units per attribute. Default 64. */
  hidden?: number;
  /** Adam step size. Default 0.005. */
  lr?: number;
}

/** Images predicted per call (bounds memory on large sets). */
const CHUNK = 256;

/** Per-feature mean and 1 / spread over a [n, F] matrix (a constant feature gets scale 1). */
function standardiser(x: Float32Array, F: number): { mean: Float32Array; scale: Float32Array } {
  const n = x.length / F;
  const mean = new Float32Array(F);
  const scale = new Float32Array(F);
  for (let i = 0; i < n; i++) for (let f = 0; f < F; f++) mean[f] = mean[f] + x[i * F + f] / n;
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < F; f++) scale[f] = scale[f] + (x[i * F + f] - mean[f]) ** 2 / n;
  }
  for (let f = 0; f < F; f++) scale[f] = scale[f] > 1e-8 ? 1 / Math.sqrt(scale[f]) : 1;
  return { mean, scale };
}

/** Trains a judge on `set` (which must have attributes) and returns it. Reads a value back every 100 steps. */
export async function trainAttributeJudge(
  set: PairSet,
  schema: AttributeSchema,
  options: JudgeOptions,
): Promise<AttributeJudge> {
  const { seed, batchSize = 64, hidden = 64, lr = 0.005 } = options;
  const attributes = set.attributes;
  if (!attributes) throw new Error('trainAttributeJudge: the set has no attributes');
  const b = Math.min(batchSize, set.size);
  const steps = options.steps ?? Math.min(400, 20 * Math.ceil(set.size / b));
  const A = schema.names.length;
  const rng = createRng(seed);
  const params = new ParamStore();
  const features = judgeFeatures(imageFloats(set.images, 0, set.size));
  const stats = standardiser(features, JUDGE_FEATURES);
  const mean = tf.keep(tf.tensor1d(stats.mean));
  const scale = tf.keep(tf.tensor1d(stats.scale));

  const heads = schema.names.map((name, a) => {
    const ranges = FEATURE_GROUPS[name] ?? [[0, JUDGE_FEATURES] as [number, number]];
    const width = ranges.reduce((w, [start, end]) => w + end - start, 0);
    const fc: Dense = createDense(params, `judge/${a}/fc`, width, hidden, rng, 'relu');
    const out = createDense(params, `judge/${a}/out`, hidden, schema.values[a]?.length ?? 1, rng);
    return (x: tf.Tensor2D): tf.Tensor2D => {
      const parts = ranges.map(([start, end]) => tf.slice(x, [0, start], [-1, end - start]));
      return out.apply(fc.apply(parts.length === 1 ? parts[0] : tf.concat(parts, 1)));
    };
  });
  const logits = (raw: Float32Array, rows: number): tf.Tensor2D[] => {
    const x = tf.mul<tf.Tensor2D>(tf.sub(tf.tensor2d(raw, [rows, JUDGE_FEATURES]), mean), scale);
    return heads.map((head) => head(x));
  };

  const optimizer = tf.train.adam(lr);
  const order = Int32Array.from({ length: set.size }, (_, i) => i);
  let cursor = set.size;
  try {
    for (let step = 0; step < steps; step++) {
      const x = new Float32Array(b * JUDGE_FEATURES);
      const labels = new Int32Array(b * A);
      for (let r = 0; r < b; r++) {
        if (cursor >= set.size) {
          rng.shuffle(order);
          cursor = 0;
        }
        const i = order[cursor++];
        x.set(features.subarray(i * JUDGE_FEATURES, (i + 1) * JUDGE_FEATURES), r * JUDGE_FEATURES);
        labels.set(attributes.subarray(i * A, (i + 1) * A), r * A);
      }
      const cost = optimizer.minimize(() => {
        const y = tf.tensor2d(labels, [b, A], 'int32');
        const terms = logits(x, b).map((h, a) => {
          const column = tf.reshape<tf.Rank.R1>(tf.slice(y, [0, a], [b, 1]), [b]);
          return tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(h), tf.oneHot(column, h.shape[1])), 1)));
        });
        return tf.addN(terms) as tf.Scalar;
      }, true);
      // An occasional read keeps a worker's event loop (and a GPU queue) from piling up work.
      if (cost && step % 100 === 99) await cost.data();
      cost?.dispose();
    }
  } finally {
    optimizer.dispose();
  }

  return {
    schema,
    async predict(images) {
      const n = images.length / IMAGE_LENGTH;
      const all = judgeFeatures(images);
      const out = new Int32Array(n * A);
      for (let start = 0; start < n; start += CHUNK) {
        const rows = Math.min(CHUNK, n - start);
        const picks = tf.tidy(() => {
          const part = all.subarray(start * JUDGE_FEATURES, (start + rows) * JUDGE_FEATURES);
          return tf.stack(
            logits(part, rows).map((h) => tf.argMax(h, 1)),
            1,
          );
        });
        out.set(await picks.data(), start * A);
        picks.dispose();
      }
      return out;
    },
    dispose() {
      params.dispose();
      mean.dispose();
      scale.dispose();
    },
  };
}
