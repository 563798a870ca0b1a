import { tf } from '../../tf';
import type { Rng } from '../../random/rng';
import type { ParamStore } from '../../models/params';
import { createDense } from '../../models/dense';
import { createEmbedding } from '../../models/embedding';
import { createGru } from '../../models/gru';
import { matMul } from '../../models/matMul';
import type { StepModel } from '../../decoding/stepModel';

/** Width of the decoder's word embeddings (as in the GRU text encoder). */
export const WORD_DIM = 32;

/**
 * A recurrent caption decoder conditioned on a latent v (Show and Tell, Vinyals et al. 2015, with a
 * GRU): the latent sets the initial state, h₀ = tanh(v W₀ + b₀), and is fed again beside each word,
 * x_t = [E w_t ; v], so the decoder cannot forget the image halfway through a sentence.
 *   h_{t+1} = GRU(x_t, h_t),   p(w_{t+1} | w_≤t, v) = softmax(h_{t+1} W_out + v W_v + b_out)
 * The v W_v term is a "deep output" (as in Show, Attend and Tell, Xu et al. 2015): the state says which
 * slot of the sentence comes next (a colour, a shape ...), the latent says which word fills it, and the
 * two add up, instead of the state having to carry every attribute through its gates.
 *
 * A decoding state packs [h ; v] in one [n, H + dim] tensor, so beam search can reorder both at once.
 */
export interface CaptionDecoder {
  readonly hidden: number;
  readonly latentDim: number;
  readonly vocabSize: number;
  /**
   * Teacher forcing: every position reads the true previous word. v: [b, dim]; tokens: [b, T + 1]
   * (BOS w1 .. wk EOS PAD ...). Returns next-word logits [T·b, V] and their targets [T·b]
   * (tokens[:, 1..T]), position-major: row t·b + i is position t of caption i.
   */
  teacherForce(v: tf.Tensor2D, tokens: tf.Tensor2D): { logits: tf.Tensor2D; targets: tf.Tensor1D };
  /** The state before the first word. v: [n, dim]. Returns [n, H + dim]. */
  start(v: tf.Tensor2D): tf.Tensor2D;
  /** Feeds one word per row. state: [n, H + dim], tokens: [n] int32. Returns logits [n, V] and the next state. */
  step(state: tf.Tensor2D, tokens: tf.Tensor1D): { logits: tf.Tensor2D; state: tf.Tensor2D };
}

export function createCaptionDecoder(
  params: ParamStore,
  vocabSize: number,
  latentDim: number,
  hidden: number,
  rng: Rng,
): CaptionDecoder {
  const embedding = createEmbedding(params, 'decoder/embed', vocabSize, WORD_DIM, rng);
  const init = createDense(params, 'decoder/init', latentDim, hidden, rng, 'tanh');
  const gru = createGru(params, 'decoder/gru', WORD_DIM + latentDim, hidden, rng);
  const out = createDense(params, 'decoder/out', hidden, vocabSize, rng);
  const fromLatent = params.glorot('decoder/latentOut/w', [latentDim, vocabSize], rng) as tf.Tensor2D;

  const advance = (words: tf.Tensor2D, v: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D =>
    gru.step(tf.concat([words, v], 1), h);

  return {
    hidden,
    latentDim,
    vocabSize,
    teacherForce(v, tokens) {
      const [b, length] = tokens.shape;
      const T = length - 1;
      // All input words embedded in one product, then read position by position: [T, b, WORD_DIM].
      const inputs = tf.transpose(tf.slice(tokens, [0, 0], [b, T]));
      const words = tf.reshape(embedding.lookup(tf.reshape<tf.Rank.R1>(inputs, [T * b])), [T, b, WORD_DIM]);
      let h = init.apply(v);
      const states: tf.Tensor2D[] = [];
      for (let t = 0; t < T; t++) {
        const x = tf.reshape<tf.Rank.R2>(tf.slice(words, [t, 0, 0], [1, b, WORD_DIM]), [b, WORD_DIM]);
        h = advance(x, v, h);
        states.push(h);
      }
      // One output product for every position instead of T small ones.
      // Position-major rows (t·b + i) all read latent i: the latent's term tiled T times.
      const logits = tf.add<tf.Tensor2D>(
        out.apply(tf.concat(states, 0)),
        tf.tile(matMul(v, fromLatent), [T, 1]),
      );
      const targets = tf.reshape<tf.Rank.R1>(tf.transpose(tf.slice(tokens, [0, 1], [b, T])), [T * b]);
      return { logits, targets };
    },
    start: (v) => tf.concat([init.apply(v), v], 1),
    step(state, tokens) {
      const h = tf.slice(state, [0, 0], [-1, hidden]);
      const v = tf.slice(state, [0, hidden], [-1, latentDim]);
      const next = advance(embedding.lookup(tokens), v, h);
      const logits = tf.add<tf.Tensor2D>(out.apply(next), matMul(v, fromLatent));
      return { logits, state: tf.concat([next, v], 1) };
    },
  };
}

/**
 * The decoder as decoding strategies see it: log-probabilities read back to the host once per step.
 * States are tensors the strategies own and release; `start` states stay the caller's.
 */
export function captionStepModel(decoder: CaptionDecoder): StepModel<tf.Tensor2D> {
  return {
    vocabSize: decoder.vocabSize,
    async step(state, tokens) {
      const [logProbs, next] = tf.tidy(() => {
        const { logits, state: s } = decoder.step(state, tf.tensor1d(tokens, 'int32'));
        return [tf.logSoftmax(logits), s];
      });
      const values = (await logProbs.data()) as Float32Array;
      logProbs.dispose();
      return { logProbs: values, state: next };
    },
    select: (state, rows) => tf.tidy(() => tf.gather(state, tf.tensor1d(rows, 'int32'))),
    release: (state) => state.dispose(),
  };
}
