import { tf } from '../../tf';
import { createRng } from '../../random/rng';
import { IMAGE_LENGTH, type AttributeSchema, type PairSet } from '../../data/pairs';
import { ParamStore } from '../../models/params';
import { createDense } from '../../models/dense';

/**
 * A small attribute classifier trained on real images, used to score generated ones: "does the image
 * drawn for 'a small red circle at the top' show a small red circle at the top?"
 *
 * It is kept apart from the generator on purpose: its weights live in their own ParamStore with their
 * own optimizer and are trained only on real training images, before it ever sees a generated one, and
 * no generator loss reads it. A judge trained together with the generator could be fooled by it (the
 * generator would learn to draw whatever the judge accepts), and then its verdicts would say nothing.
 *
 * Architecture: pixels − 0.5 → dense(hidden, relu) → one softmax head per attribute.
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
  /** Optimizer steps. Default 400. */
  steps?: number;
  /** Default 64. */
  batchSize?: number;
  /** Default 256. */
  hidden?: number;
  /** Adam step size. Default 0.002. */
  lr?: number;
}

/** Images predicted per call (bounds memory on large sets). */
const CHUNK = 256;

/** Trains a judge on `set` (which must have attributes) and returns it. Reads a value back every 100 steps. */
export async function trainAttributeJudge(
  set: PairSet,
  schema: AttributeSchema,
  options: JudgeOptions,
): Promise<AttributeJudge> {
  const { seed, steps = 400, batchSize = 64, hidden = 256, lr = 0.002 } = options;
  const attributes = set.attributes;
  if (!attributes) throw new Error('trainAttributeJudge: the set has no attributes');
  const A = schema.names.length;
  const sizes = schema.values.map((v) => v.length);
  const total = sizes.reduce((a, b) => a + b, 0);
  const rng = createRng(seed);
  const params = new ParamStore();
  const fc = createDense(params, 'judge/fc', IMAGE_LENGTH, hidden, rng, 'relu');
  const heads = createDense(params, 'judge/heads', hidden, total, rng);
  const logits = (x: tf.Tensor2D): tf.Tensor2D[] => tf.split(heads.apply(fc.apply(tf.sub(x, 0.5))), sizes, 1);

  const optimizer = tf.train.adam(lr);
  const b = Math.min(batchSize, set.size);
  const order = Int32Array.from({ length: set.size }, (_, i) => i);
  let cursor = set.size;
  try {
    for (let step = 0; step < steps; step++) {
      const images = new Float32Array(b * IMAGE_LENGTH);
      const labels = new Int32Array(b * A);
      for (let r = 0; r < b; r++) {
        if (cursor >= set.size) {
          rng.shuffle(order);
          cursor = 0;
        }
        const i = order[cursor++] as number;
        images.set(set.images.subarray(i * IMAGE_LENGTH, (i + 1) * IMAGE_LENGTH), r * IMAGE_LENGTH);
        labels.set(attributes.subarray(i * A, (i + 1) * A), r * A);
      }
      const cost = optimizer.minimize(() => {
        const heads = logits(tf.tensor2d(images, [b, IMAGE_LENGTH]));
        const y = tf.tensor2d(labels, [b, A], 'int32');
        const terms = heads.map((h, a) => {
          const target = tf.oneHot(
            tf.reshape(tf.slice(y, [0, a], [b, 1]), [b]) as tf.Tensor1D,
            sizes[a] as number,
          );
          return tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(h), target), 1)));
        });
        return tf.addN(terms) as tf.Scalar;
      }, true);
      // An occasional read keeps a worker's event loop (and the GPU queue) from piling up work.
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
      const out = new Int32Array(n * A);
      for (let start = 0; start < n; start += CHUNK) {
        const rows = Math.min(CHUNK, n - start);
        const picks = tf.tidy(() => {
          const x = tf.tensor2d(images.subarray(start * IMAGE_LENGTH, (start + rows) * IMAGE_LENGTH), [
            rows,
            IMAGE_LENGTH,
          ]);
          return tf.stack(
            logits(x).map((h) => tf.argMax(h, 1)),
            1,
          );
        });
        out.set((await picks.data()) as Int32Array, start * A);
        picks.dispose();
      }
      return out;
    },
    dispose: () => params.dispose(),
  };
}
