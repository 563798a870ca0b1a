import { tf } from '../core/tf';
import { gatherBatch, TensorBatch } from '../core/data/batch';
import { IMAGE_LENGTH } from '../core/data/pairs';
import { encodeWords, unknownWords } from '../core/text/vocabulary';
import type { Trainer, Evaluation } from './trainer';
import type { SearchHit } from './protocol';

/** The k highest-scoring rows of `scores`, best first. */
function topK(scores: Float32Array, k: number): SearchHit[] {
  const order = Array.from(scores.keys()).sort((a, b) => scores[b] - scores[a]);
  return order.slice(0, k).map((index) => ({ index, score: scores[index] }));
}

/** Cosine of one query code against every row of `gallery` ([n, d], rows unit length). */
function scoreAll(query: Float32Array, gallery: Float32Array, d: number): Float32Array {
  const n = gallery.length / d;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < d; c++) s += query[c] * gallery[i * d + c];
    out[i] = s;
  }
  return out;
}

/**
 * Free text -> the evaluation images nearest to its text-only code. Unknown words are reported (they
 * count as <unk>); an empty query still returns results for <unk>, never an error.
 */
export async function searchByText(
  trainer: Trainer,
  evaluation: Evaluation,
  text: string,
  k: number,
): Promise<{ hits: SearchHit[]; unknownWords: string[] }> {
  const host = {
    ...gatherBatch(trainer.evalData, [0]),
    // A blank image keeps the batch well-formed; only the text code is used.
    images: new Float32Array(IMAGE_LENGTH),
    captionIds: [Int32Array.from(encodeWords(trainer.vocab, text))],
  };
  const code = tf.tidy(
    () => trainer.model.embed(new TensorBatch(host, trainer.vocab.words.length, trainer.seqLength)).text,
  );
  const query = (await code.data()) as Float32Array;
  code.dispose();
  return {
    hits: topK(scoreAll(query, evaluation.image, evaluation.dim), k),
    unknownWords: unknownWords(trainer.vocab, text),
  };
}

/** An evaluation image -> the evaluation captions nearest to it. */
export function searchByImage(evaluation: Evaluation, index: number, k: number): SearchHit[] {
  const d = evaluation.dim;
  if (index < 0 || index * d >= evaluation.image.length) return [];
  return topK(scoreAll(evaluation.image.subarray(index * d, (index + 1) * d), evaluation.text, d), k);
}
