import { tf } from '../../tf';
import { gatherBatch, TensorBatch, type EncodedPairSet } from '../../data/batch';
import { AUDIO_LENGTH, imageFloats, type AttributeSchema } from '../../data/pairs';
import { ATTRIBUTE_NAMES } from '../../data/shapes/attributes';
import { parseCaption } from '../../data/shapes/captions';
import { tokenize } from '../../text/tokenize';
import { corpusBleu } from '../../metrics/bleu';
import type { EvalContext } from '../framework';
import type { EncDecDirection } from '../../experiment/encdecParams';
import { attributeAccuracy, MISSING, type SplitAttributeScores } from './attributeAccuracy';
import type { AttributeJudge } from './attributeJudge';
import {
  captionImages,
  captionSounds,
  drawCaptions,
  type GeneratedCaption,
  type GenerationContext,
} from './generate';

/** Evaluation items captioned and drawn (the first ones of the evaluation set): keeps evaluation quick. */
export const GENERATED_ITEMS = 256;
/** Examples reported beside the numbers. */
const SAMPLE_COUNT = 6;
/** Rows per teacher-forced batch when measuring perplexity. */
const CHUNK = 256;

/** One example: the reference caption, the caption written for its image, what the judge saw in the image drawn for it. */
export interface EncDecSample {
  reference: string;
  heldOut: boolean;
  generated?: string;
  /** The judge's reading of the image drawn from `reference`, one value name per attribute. */
  drawn?: string;
}

/** The framework's own evaluation, under `encdec` in every evaluation's JSON. */
export interface EncDecEvaluation {
  direction: EncDecDirection;
  /** Items captioned and drawn. */
  items: number;
  /** exp(mean negative log-likelihood per caption token) over the evaluation set, teacher forced (i2t). */
  perplexity: number | null;
  /** Corpus BLEU-1..4 of the generated captions against all reference captions of each image (i2t). */
  bleu: number[] | null;
  /** Attributes read back from generated captions with the dataset's grammar, seen vs held-out (i2t). */
  captionAccuracy: SplitAttributeScores | null;
  /**
   * Sound → caption, when the run has sound: BLEU and attributes read back from the captions written for
   * the sounds of the same items (a sound has no position: its caption cannot know it), and the first
   * few captions. perplexity, bleu and captionAccuracy above are the image's (the sound's without image).
   */
  soundCaptions?: { bleu: number[]; captionAccuracy: SplitAttributeScores | null; samples: string[] };
  /** Attributes the judge sees in images drawn from reference captions (t2i). */
  imageAccuracy: SplitAttributeScores | null;
  /** The judge on the real evaluation images: the ceiling for imageAccuracy (t2i). */
  judgeAccuracy: SplitAttributeScores | null;
  samples: EncDecSample[];
}

/** What the evaluation needs besides the EvalContext. */
export interface EncDecEvalParts {
  readonly generation: GenerationContext;
  readonly direction: EncDecDirection;
  /** The attribute judge, trained on first use and cached by the caller. */
  readonly judge: (schema: AttributeSchema) => Promise<AttributeJudge>;
}

/** Perplexity of the caption decoder on every evaluation pair's first caption. */
async function perplexity(parts: EncDecEvalParts, data: EncodedPairSet, seqLength: number): Promise<number> {
  const network = parts.generation.network;
  let nll = 0;
  let count = 0;
  for (let start = 0; start < data.set.size; start += CHUNK) {
    const indices = Int32Array.from({ length: Math.min(CHUNK, data.set.size - start) }, (_, i) => start + i);
    const [sum, n] = tf.tidy(() =>
      network.captionNll(new TensorBatch(gatherBatch(data, indices), data.vocab.words.length, seqLength)),
    );
    const [s, c] = await Promise.all([sum.data(), n.data()]);
    sum.dispose();
    n.dispose();
    nll += s[0];
    count += c[0];
  }
  return Math.exp(nll / Math.max(1, count));
}

/** Measures generation in the model's direction(s) on the first GENERATED_ITEMS evaluation pairs. */
export async function evaluateEncDec(parts: EncDecEvalParts, ctx: EvalContext): Promise<EncDecEvaluation> {
  const set = ctx.evalData.set;
  const n = Math.min(GENERATED_ITEMS, set.size);
  const images = imageFloats(set.images, 0, n);
  const heldOut = set.heldOut?.subarray(0, n);
  const truth = set.attributes?.subarray(0, n * ATTRIBUTE_NAMES.length);
  // The caption grammar and the judge's features (one shape on a plain background) exist only for
  // ShapeCaptions: other data gets perplexity and BLEU but no attribute accuracy.
  const shapes = ctx.schema !== undefined && ctx.schema.names.join() === ATTRIBUTE_NAMES.join() && truth;
  const references = set.captions.slice(0, n);
  const samples: EncDecSample[] = references
    .slice(0, SAMPLE_COUNT)
    .map((caps, i) => ({ reference: caps[0], heldOut: heldOut?.[i] === 1 }));
  const result: EncDecEvaluation = {
    direction: parts.direction,
    items: n,
    perplexity: null,
    bleu: null,
    captionAccuracy: null,
    imageAccuracy: null,
    judgeAccuracy: null,
    samples,
  };

  const network = parts.generation.network;
  const score = (captions: GeneratedCaption[]) => {
    const bleu = corpusBleu(
      captions.map((c) => tokenize(c.text)),
      references.map((caps) => caps.map(tokenize)),
    );
    if (!shapes) return { bleu, captionAccuracy: null };
    const A = ATTRIBUTE_NAMES.length;
    const predicted = new Int32Array(n * A).fill(MISSING);
    captions.forEach((c, i) => {
      const parsed = parseCaption(c.text);
      ATTRIBUTE_NAMES.forEach((name, a) => (predicted[i * A + a] = parsed[name] ?? MISSING));
    });
    return { bleu, captionAccuracy: attributeAccuracy(predicted, truth, ATTRIBUTE_NAMES, heldOut) };
  };
  const sounds = network.audioLatent && set.audio ? set.audio.subarray(0, n * AUDIO_LENGTH) : null;
  const soundCaptions = network.captioner && sounds ? await captionSounds(parts.generation, sounds) : null;
  if (network.captioner) {
    result.perplexity = await perplexity(parts, ctx.evalData, ctx.seqLength);
    const fromImage = network.captionSources[0] === 'image';
    const captions = fromImage ? await captionImages(parts.generation, images) : (soundCaptions ?? []);
    const scores = score(captions);
    result.bleu = scores.bleu;
    result.captionAccuracy = scores.captionAccuracy;
    samples.forEach((s, i) => (s.generated = captions[i]?.text ?? ''));
  }
  if (soundCaptions) {
    result.soundCaptions = {
      ...score(soundCaptions),
      samples: soundCaptions.slice(0, SAMPLE_COUNT).map((c) => c.text),
    };
  }

  if (parts.generation.network.painter && shapes && ctx.schema) {
    const drawn = await drawCaptions(
      parts.generation,
      references.map((caps) => caps[0]),
    );
    const judge = await parts.judge(ctx.schema);
    const [seenInDrawn, seenInReal] = await Promise.all([judge.predict(drawn), judge.predict(images)]);
    const names = ctx.schema.names;
    result.imageAccuracy = attributeAccuracy(seenInDrawn, truth, names, heldOut);
    result.judgeAccuracy = attributeAccuracy(seenInReal, truth, names, heldOut);
    const schema = ctx.schema;
    samples.forEach((s, i) => {
      s.drawn = names.map((_, a) => schema.values[a]?.[seenInDrawn[i * names.length + a]]).join(', ');
    });
  }
  return result;
}
