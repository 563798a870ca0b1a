import { tf } from '../tf';
import type { Rng } from '../random/rng';
import type { ParamStore } from './params';
import type { Encoder } from './encoder';
import { createDense } from './dense';
import { createEmbedding } from './embedding';
import { createGru } from './gru';
import { PAD } from '../text/vocabulary';
import { meanWordVectors, type VocabularyVectors } from '../text/glove';
import type { TextEncoderName } from './encoderNames';

/**
 * 'bow': bag of words -> dense(hidden, relu). Ignores word order; fast and strong on short captions.
 * 'gru': word embeddings (32-d) -> a GRU over the sequence; the state after the last real token is the
 *        feature. Reads word order ("red circle left of ..."), slower to train.
 * 'glove': the mean of the caption's frozen GloVe vectors (100-d, see text/glove.ts); nothing here
 *        trains, only the framework's projection head after it. Needs `wordVectors` (BuildContext's
 *        frozenWordVectors), lined up with the vocabulary.
 */
export function createTextEncoder(
  name: TextEncoderName,
  params: ParamStore,
  vocabSize: number,
  hidden: number,
  rng: Rng,
  wordVectors?: VocabularyVectors,
): Encoder {
  if (name === 'glove') {
    if (!wordVectors)
      throw new Error("The 'glove' text encoder needs the GloVe word vectors, which were not loaded.");
    return {
      outDim: wordVectors.dim,
      apply: (batch) =>
        tf.tensor2d(meanWordVectors(wordVectors, batch.host.captionIds), [batch.size, wordVectors.dim]),
    };
  }
  if (name === 'bow') {
    const fc = createDense(params, 'text/fc', vocabSize, hidden, rng, 'relu');
    return { outDim: hidden, apply: (batch) => fc.apply(batch.bow()) };
  }
  const embedding = createEmbedding(params, 'text/embed', vocabSize, 32, rng);
  const gru = createGru(params, 'text/gru', 32, hidden, rng);
  return {
    outDim: hidden,
    apply(batch) {
      const L = batch.seqLength;
      const b = batch.size;
      const tokens = batch.tokens();
      const embedded = tf.reshape(embedding.lookup(tf.reshape<tf.Rank.R1>(tokens, [b * L])), [b, L, 32]);
      // Padding must not change the state: h stays put where the token is PAD.
      const mask = tf.cast<tf.Tensor2D>(tf.notEqual(tokens, PAD), 'float32');
      let h = tf.zeros<tf.Rank.R2>([b, hidden]);
      for (let t = 0; t < L; t++) {
        const x = tf.reshape<tf.Rank.R2>(tf.slice(embedded, [0, t, 0], [b, 1, 32]), [b, 32]);
        const m = tf.slice(mask, [0, t], [b, 1]);
        const next = gru.step(x, h);
        h = tf.add(tf.mul(m, next), tf.mul(tf.sub(1, m), h));
      }
      return h;
    },
  };
}
