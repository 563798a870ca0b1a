import { tf } from '../../tf';
import type { EncodedPairSet } from '../../data/batch';
import { downsampleFlat } from '../../losses/reconstruction';
import { mapChunks } from './chunks';
import { conditionCodes } from './conditions';
import { CONDITIONS, type Condition, type ConditionScores } from './conditionNames';
import { RECON_FACTOR, type Decoders, type JointNetwork } from './network';

/** How well the joint code gives back each modality, under each condition. */
export interface ReconstructionReport {
  image: {
    /** Mean squared pixel error of the half-resolution image (values in [0, 1]). */
    mse: ConditionScores;
    /** The same error for always answering the training set's mean image: the level to beat. */
    meanImageMse: number;
  };
  caption: {
    /** Cross-entropy (nats per word) of the decoded word distribution against the caption's words. */
    crossEntropy: ConditionScores;
    /** Fraction of the caption's distinct words among the k most probable decoded words (k = their number). */
    topWords: ConditionScores;
  };
}

/**
 * Decodes the evaluation set from the pair, the image alone and the caption alone. Decoding the image
 * from the caption alone (and the caption from the image alone) is cross-modal generation through the
 * joint code. meanImage: [RECON_LENGTH], the training set's mean target.
 */
export async function reconstructionReport(
  net: JointNetwork,
  data: EncodedPairSet,
  seqLength: number,
  meanImage: Float32Array,
): Promise<ReconstructionReport> {
  const decoders = net.decoders as Decoders;
  const out = await mapChunks(data, seqLength, (batch) => {
    const codes = conditionCodes(net, batch);
    const target = downsampleFlat(batch.images(), RECON_FACTOR);
    const bow = batch.bow();
    const result: Record<string, tf.Tensor> = {
      baseline: tf.mean(tf.square(tf.sub(target, tf.tensor1d(meanImage))), 1),
    };
    for (const c of CONDITIONS) {
      const logits = decoders.text(codes[c]);
      result[`mse.${c}`] = tf.mean(tf.square(tf.sub(decoders.image(codes[c]), target)), 1);
      result[`ce.${c}`] = tf.neg(tf.sum(tf.mul(bow, tf.logSoftmax(logits)), 1));
      result[`logits.${c}`] = logits;
    }
    return result;
  });
  const n = data.set.size;
  const mean = (x: Float32Array | undefined) => (x ? x.reduce((a, b) => a + b, 0) / n : NaN);
  const scores = (f: (c: Condition) => number): ConditionScores => ({
    both: f('both'),
    imageOnly: f('imageOnly'),
    textOnly: f('textOnly'),
  });
  return {
    image: { mse: scores((c) => mean(out[`mse.${c}`])), meanImageMse: mean(out.baseline) },
    caption: {
      crossEntropy: scores((c) => mean(out[`ce.${c}`])),
      topWords: scores((c) => topWordAccuracy(out[`logits.${c}`], data)),
    },
  };
}

/**
 * Mean over pairs of |top-k decoded words ∩ caption words| / k, k the caption's number of distinct words
 * (caption 0, as evaluated). logits: [n, V].
 */
export function topWordAccuracy(logits: Float32Array, data: EncodedPairSet): number {
  const n = data.set.size;
  const V = logits.length / n;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const words = new Set(data.captionIds[i]?.[0] ?? []);
    if (words.size === 0) continue;
    const row = logits.subarray(i * V, (i + 1) * V);
    const ranked = Array.from({ length: V }, (_, w) => w).sort((a, b) => row[b] - row[a]);
    let hits = 0;
    for (let r = 0; r < words.size; r++) if (words.has(ranked[r])) hits++;
    total += hits / words.size;
  }
  return total / n;
}
