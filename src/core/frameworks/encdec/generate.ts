import { tf } from '../../tf';
import type { Rng } from '../../random/rng';
import { createRng } from '../../random/rng';
import { TensorBatch } from '../../data/batch';
import { AUDIO_LENGTH, IMAGE_LENGTH } from '../../data/pairs';
import { BOS, EOS, decodeWords, encodeWords, type Vocabulary } from '../../text/vocabulary';
import type { Decoded } from '../../decoding/stepModel';
import { greedyDecode } from '../../decoding/greedy';
import { beamSearch } from '../../decoding/beamSearch';
import { sampleDecode } from '../../decoding/sample';
import type { CaptionDecoding } from '../../experiment/encdecParams';
import { captionStepModel } from './captionDecoder';
import type { EncDecNetwork } from './network';

/** Items generated per batched call: bounds memory when a view asks for many at once. */
const CHUNK = 128;

/** How to decode captions; each field falls back to the experiment's setting. */
export interface CaptionOptions {
  strategy?: CaptionDecoding;
  beamWidth?: number;
  lengthPenalty?: number;
  temperature?: number;
  /** Randomness for sampling; a fixed seed when absent, so a view redraws the same samples. */
  rng?: Rng;
}

/** A generated caption. */
export interface GeneratedCaption {
  text: string;
  /** Word ids, without BOS and EOS. */
  tokens: Int32Array;
  /** Log-probability of the caption under the decoder (EOS included when it ended). */
  logProb: number;
  /** False when decoding hit the length limit before EOS. */
  finished: boolean;
  /** Beam search only: every ended hypothesis, best first (the caption itself included). */
  alternatives?: { text: string; logProb: number; score: number }[];
}

/** What generation needs besides the network: the vocabulary, lengths and default decoding settings. */
export interface GenerationContext {
  readonly network: EncDecNetwork;
  readonly vocab: Vocabulary;
  readonly seqLength: number;
  readonly defaults: Required<Omit<CaptionOptions, 'rng'>>;
}

/** A TensorBatch over raw images ([n, 32, 32, 3]) with no captions: only its image views may be used. */
export function imageOnlyBatch(images: Float32Array, vocabSize: number, seqLength: number): TensorBatch {
  const n = images.length / IMAGE_LENGTH;
  if (!Number.isInteger(n))
    throw new Error(`expected a multiple of ${IMAGE_LENGTH} floats, got ${images.length}`);
  const host = {
    size: n,
    indices: new Int32Array(n),
    images,
    captionIds: Array.from({ length: n }, () => new Int32Array(0)),
  };
  return new TensorBatch(host, vocabSize, seqLength);
}

/** A TensorBatch over captions with blank images: only its text views may be used. */
export function captionOnlyBatch(
  vocab: Vocabulary,
  captions: readonly string[],
  seqLength: number,
): TensorBatch {
  const n = captions.length;
  const captionIds = captions.map((c) => Int32Array.from(encodeWords(vocab, c)));
  const host = {
    size: n,
    indices: new Int32Array(n),
    images: new Float32Array(n * IMAGE_LENGTH),
    captionIds,
  };
  return new TensorBatch(host, vocab.words.length, seqLength);
}

/**
 * Captions for images: [n, 32, 32, 3] floats in [0, 1] -> n captions, decoded by beam search, greedily,
 * or by sampling. The latent of each image starts the decoder; tokens are read back once per word.
 */
export function captionImages(
  ctx: GenerationContext,
  images: Float32Array,
  options: CaptionOptions = {},
): Promise<GeneratedCaption[]> {
  const n = images.length / IMAGE_LENGTH;
  return captionLatents(ctx, n, options, (start, rows) =>
    ctx.network.imageLatent(
      imageOnlyBatch(
        images.subarray(start * IMAGE_LENGTH, (start + rows) * IMAGE_LENGTH),
        ctx.vocab.words.length,
        ctx.seqLength,
      ),
    ),
  );
}

/**
 * Captions for sounds: [n, AUDIO_FRAMES, AUDIO_MELS] log-mel features -> n captions (sound → caption),
 * decoded like captionImages from each sound's latent. Needs a model trained with sound.
 */
export function captionSounds(
  ctx: GenerationContext,
  audio: Float32Array,
  options: CaptionOptions = {},
): Promise<GeneratedCaption[]> {
  const n = audio.length / AUDIO_LENGTH;
  if (!Number.isInteger(n))
    throw new Error(`expected a multiple of ${AUDIO_LENGTH} floats, got ${audio.length}`);
  return captionLatents(ctx, n, options, (start, rows) => {
    const host = {
      size: rows,
      indices: new Int32Array(rows),
      images: new Float32Array(rows * IMAGE_LENGTH),
      captionIds: Array.from({ length: rows }, () => new Int32Array(0)),
      audio: audio.subarray(start * AUDIO_LENGTH, (start + rows) * AUDIO_LENGTH),
    };
    return ctx.network.sourceLatent('audio', new TensorBatch(host, ctx.vocab.words.length, ctx.seqLength));
  });
}

/**
 * n captions, CHUNK at a time, each decoded from the latent `latentOf(start, rows)` gives for its rows
 * ([rows, dim], unit; called inside tf.tidy).
 */
async function captionLatents(
  ctx: GenerationContext,
  n: number,
  options: CaptionOptions,
  latentOf: (start: number, rows: number) => tf.Tensor2D,
): Promise<GeneratedCaption[]> {
  const decoder = ctx.network.captioner;
  if (!decoder) throw new Error('This model draws captions but does not write them (direction t2i).');
  const o = { ...ctx.defaults, ...options };
  const rng = options.rng ?? createRng(0);
  const model = captionStepModel(decoder);
  const decode = { bos: BOS, eos: EOS, maxLength: ctx.seqLength - 1 };
  const out: GeneratedCaption[] = [];
  for (let start = 0; start < n; start += CHUNK) {
    const rows = Math.min(CHUNK, n - start);
    const initial = tf.tidy(() => decoder.start(ctx.network.decoderInput(latentOf(start, rows))));
    try {
      if (o.strategy === 'beam') {
        const beams = await beamSearch(model, initial, rows, {
          ...decode,
          beamWidth: o.beamWidth,
          lengthPenalty: o.lengthPenalty,
        });
        for (const b of beams) {
          const alternatives = b.hypotheses.map((h) => ({
            text: decodeWords(ctx.vocab, h.tokens),
            logProb: h.logProb,
            score: h.score,
          }));
          out.push({ ...toCaption(ctx.vocab, b), alternatives });
        }
      } else {
        const decoded =
          o.strategy === 'greedy'
            ? await greedyDecode(model, initial, rows, decode)
            : await sampleDecode(model, initial, rows, { ...decode, temperature: o.temperature }, rng);
        for (const d of decoded) out.push(toCaption(ctx.vocab, d));
      }
    } finally {
      initial.dispose();
    }
  }
  return out;
}

function toCaption(vocab: Vocabulary, d: Decoded): GeneratedCaption {
  return { text: decodeWords(vocab, d.tokens), tokens: d.tokens, logProb: d.logProb, finished: d.finished };
}

/** Images for captions: n captions -> [n, 32, 32, 3] floats in [0, 1], the decoder's mean image per caption. */
export async function drawCaptions(
  ctx: GenerationContext,
  captions: readonly string[],
): Promise<Float32Array> {
  const painter = ctx.network.painter;
  if (!painter) throw new Error('This model writes captions but does not draw them (direction i2t).');
  const out = new Float32Array(captions.length * IMAGE_LENGTH);
  for (let start = 0; start < captions.length; start += CHUNK) {
    const part = captions.slice(start, start + CHUNK);
    const pixels = tf.tidy(() => {
      const batch = captionOnlyBatch(ctx.vocab, part, ctx.seqLength);
      return tf.sigmoid(painter.logits(ctx.network.decoderInput(ctx.network.textLatent(batch))));
    });
    out.set(await pixels.data(), start * IMAGE_LENGTH);
    pixels.dispose();
  }
  return out;
}
