/**
 * What a decoding strategy needs from a sequence model, and what it returns. The strategies (greedy,
 * beam search, sampling) see only this interface, so they are pure host-side code: the same functions
 * decode a trained GRU and a hand-written toy distribution in a test.
 */

/**
 * A model that gives next-token log-probabilities for many prefixes at once. `S` is its state for a set
 * of rows (a [rows, H] tensor for a recurrent decoder, the prefixes themselves for a toy); the strategies
 * never look inside it, they only step, reorder and release it.
 */
export interface StepModel<S> {
  /** Vocabulary size V. */
  readonly vocabSize: number;
  /**
   * Feeds one token per row. tokens: [rows]. Returns log p(next token | prefix) as [rows, V] row-major
   * (each row a log-distribution) and the state after the token. The input state stays valid.
   */
  step(state: S, tokens: Int32Array): Promise<{ logProbs: Float32Array; state: S }>;
  /** The state of rows `rows`, in that order, repeats allowed (beam search copies and reorders hypotheses). */
  select(state: S, rows: Int32Array): S;
  /** Frees a state the strategy made (by `step` or `select`); never called on the caller's initial state. */
  release(state: S): void;
}

/** Token conventions and the length limit of one decoding. */
export interface DecodeOptions {
  /** Token fed first. */
  bos: number;
  /** Token that ends a sequence. */
  eos: number;
  /** Most tokens generated per sequence, EOS included. */
  maxLength: number;
}

/** One generated sequence. */
export interface Decoded {
  /** The generated tokens, without BOS and without the final EOS. */
  tokens: Int32Array;
  /** Total log-probability under the model of the tokens generated, the EOS included when `finished`. */
  logProb: number;
  /** True when the sequence ended with EOS, false when it hit `maxLength`. */
  finished: boolean;
}

/** Index of the largest of `row[0..n)`; the first one on ties. */
export function argmax(row: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
  return best;
}
