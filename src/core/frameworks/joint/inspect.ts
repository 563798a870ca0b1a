import { tf } from '../../tf';
import { gatherBatch, TensorBatch } from '../../data/batch';
import { IMAGE_SIZE, type AttributeSchema } from '../../data/pairs';
import type { Vocabulary } from '../../text/vocabulary';
import type { InspectContext, Inspection } from '../framework';
import { commonWordIds, distinctWords, toImageBytes, topWords, type WordScore } from '../inspection';
import type { EncodedPairSet } from '../../data/batch';
import { conditionCodes } from './conditions';
import { CONDITIONS, type Condition } from './conditionNames';
import { RECON_FACTOR, type JointNetwork } from './network';

/** Side in pixels of the images the decoder reconstructs (the target is the input at half resolution). */
export const RECON_SIZE = IMAGE_SIZE / RECON_FACTOR;
/** Decoded words reported per condition. */
export const WORDS_SHOWN = 8;
/** Words in more than this share of the evaluation captions are left out of the decoded words. */
export const COMMON_SHARE = 0.5;

/** What the joint model makes of one evaluation pair, under each input condition. */
export interface JointPairInspection {
  index: number;
  /** The caption the pair is evaluated with (caption 0). */
  caption: string;
  /** Its distinct words as the model reads them (unknown ones as <unk>). */
  captionWords: string[];
  /** The image decoded from the joint code: [RECON_SIZE, RECON_SIZE, 3] RGB bytes; null without decoders. */
  images: Record<Condition, Uint8Array> | null;
  /** The most probable words of the decoded bag of words, best first, common words left out; null without decoders. */
  words: Record<Condition, WordScore[]> | null;
  /** The attribute values the heads read from the joint code, beside the truth; null without heads. */
  attributes: { names: string[]; truth: string[]; read: Record<Condition, string[]> } | null;
}

/** The joint framework's inspection (see FrameworkModel.inspect). */
export interface JointInspection extends Inspection {
  kind: 'joint';
  reconSize: number;
  /** Words left out of the decoded words: those in more than half of the evaluation captions. */
  commonWords: string[];
  pairs: JointPairInspection[];
}

const commonCache = new WeakMap<EncodedPairSet, number[]>();
function commonWordsOf(data: EncodedPairSet): number[] {
  let ids = commonCache.get(data);
  if (!ids) {
    ids = commonWordIds(
      data.captionIds.map((caps) => caps[0] ?? new Int32Array(0)),
      COMMON_SHARE,
    );
    commonCache.set(data, ids);
  }
  return ids;
}

/**
 * Reconstructions and attribute readings of the requested evaluation pairs from the pair, the image alone
 * and the caption alone: the decoders and heads read the same joint codes the evaluation scores. Indices
 * outside the evaluation set are skipped. Reads back once; leaves no tensors.
 */
export async function inspectJoint(
  net: JointNetwork,
  vocab: Vocabulary,
  ctx: InspectContext,
): Promise<JointInspection> {
  const { evalData } = ctx;
  const indices = ctx.pairs.filter((i) => Number.isInteger(i) && i >= 0 && i < evalData.set.size);
  const common = commonWordsOf(evalData);
  const result: JointInspection = {
    kind: 'joint',
    reconSize: RECON_SIZE,
    commonWords: common.map((w) => vocab.words[w] ?? '<unk>'),
    pairs: [],
  };
  if (indices.length === 0) return result;
  const host = gatherBatch(evalData, indices);
  const { decoders } = net;
  const heads = net.headWeights !== null && net.attributeSizes !== null;
  const tensors = tf.tidy(() => {
    const codes = conditionCodes(net, new TensorBatch(host, vocab.words.length, ctx.seqLength));
    const out: Record<string, tf.Tensor> = {};
    for (const c of CONDITIONS) {
      if (decoders) {
        out[`image.${c}`] = decoders.image(codes[c]);
        out[`words.${c}`] = tf.softmax(decoders.text(codes[c]));
      }
      if (heads) out[`heads.${c}`] = net.attributeLogits(codes[c]);
    }
    return out;
  });
  const names = Object.keys(tensors);
  const read = await Promise.all(names.map((k) => tensors[k].data()));
  tf.dispose(Object.values(tensors));
  const values = new Map(names.map((k, i) => [k, read[i] as Float32Array]));
  /** Row r of output `key` (a [b, width] array). */
  const row = (key: string, r: number): Float32Array => {
    const all = values.get(key) as Float32Array;
    const width = all.length / indices.length;
    return all.subarray(r * width, (r + 1) * width);
  };
  const perCondition = <T>(f: (c: Condition) => T): Record<Condition, T> =>
    Object.fromEntries(CONDITIONS.map((c) => [c, f(c)])) as Record<Condition, T>;

  result.pairs = indices.map((index, r) => ({
    index,
    caption: evalData.set.captions[index]?.[0] ?? '',
    captionWords: distinctWords(host.captionIds[r], vocab),
    images: decoders ? perCondition((c) => toImageBytes(row(`image.${c}`, r))) : null,
    words: decoders
      ? perCondition((c) => topWords(row(`words.${c}`, r), vocab, WORDS_SHOWN, new Set(common)))
      : null,
    attributes:
      heads && ctx.schema
        ? readAttributes(ctx.schema, net.attributeSizes as number[], evalData.set.attributes, index, (c) =>
            row(`heads.${c}`, r),
          )
        : null,
  }));
  return result;
}

/** Names of the true values and of the values each condition's logits pick (argmax per attribute). */
function readAttributes(
  schema: AttributeSchema,
  sizes: readonly number[],
  truth: Int32Array | undefined,
  index: number,
  logits: (c: Condition) => Float32Array,
): JointPairInspection['attributes'] {
  const A = sizes.length;
  const valueName = (a: number, v: number) => schema.values[a]?.[v] ?? '?';
  const read = Object.fromEntries(
    CONDITIONS.map((c) => [c, argmaxPerBlock(logits(c), sizes).map((v, a) => valueName(a, v))]),
  ) as Record<Condition, string[]>;
  return {
    names: [...schema.names],
    truth: Array.from({ length: A }, (_, a) => (truth ? valueName(a, truth[index * A + a]) : '?')),
    read,
  };
}

/** The index of the largest value in each consecutive block of `sizes` entries. */
export function argmaxPerBlock(values: ArrayLike<number>, sizes: readonly number[]): number[] {
  const out: number[] = [];
  let offset = 0;
  for (const k of sizes) {
    let best = 0;
    for (let v = 1; v < k; v++) if (values[offset + v] > values[offset + best]) best = v;
    out.push(best);
    offset += k;
  }
  return out;
}
