import type { Decoded, DecodeOptions, StepModel } from './stepModel';

export interface BeamOptions extends DecodeOptions {
  /** Hypotheses kept per item at each step, >= 1 (1 is greedy decoding). */
  beamWidth: number;
  /**
   * Length normalisation α >= 0: hypotheses are ranked by logProb / length^α (length counts the EOS).
   * 0 ranks by total log-probability, which favours short sequences since every token costs probability;
   * 1 ranks by mean log-probability per token. Default 0.
   */
  lengthPenalty?: number;
}

/** A sequence with the score beam search ranked it by. */
export interface ScoredSequence extends Decoded {
  /** logProb / length^α (equal to logProb when α = 0). */
  score: number;
}

/** The best sequence of one item, with every hypothesis that reached the end, best first. */
export interface BeamDecoded extends ScoredSequence {
  hypotheses: ScoredSequence[];
}

interface Hypothesis {
  tokens: number[];
  logProb: number;
  /** Row of this hypothesis in the model state of the current step. */
  row: number;
}

/** Indices of the k largest values of `row`, largest first (k is small: a simple insertion). */
function topK(row: Float32Array, k: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (best.length === k && v <= row[best[k - 1]]) continue;
    let at = best.length < k ? best.length : k - 1;
    while (at > 0 && v > row[best[at - 1]]) at--;
    best.splice(at, 0, i);
    if (best.length > k) best.pop();
  }
  return best;
}

/** Descending order that treats -Infinity like any number (b - a would give NaN for two of them). */
const descending = (a: number, b: number): number => (b > a ? 1 : b < a ? -1 : 0);

/**
 * Beam search: keeps the `beamWidth` most probable prefixes of each item, extends each by its most
 * probable tokens, and returns the ended sequence with the best score. Unlike greedy decoding it can
 * take a less likely first word when that word leads to a much more likely sentence.
 *
 * At each step an item's candidates are ranked by total log-probability (all alive prefixes have the
 * same length, so length normalisation would not change their order). A candidate ending in EOS among
 * the top `beamWidth` is set aside as a result; the best non-EOS candidates refill the beam. An item
 * stops when no alive prefix can still beat its best result: log-probabilities only fall as a prefix
 * grows, so with α = 0 its bound is its current total, and with α > 0 its total divided by
 * maxLength^α. Prefixes still alive at `maxLength` count as unfinished results.
 *
 * initial: the model's state for `n` rows, row i for item i (the caller keeps ownership).
 */
export async function beamSearch<S>(
  model: StepModel<S>,
  initial: S,
  n: number,
  options: BeamOptions,
): Promise<BeamDecoded[]> {
  const { bos, eos, maxLength, beamWidth: k } = options;
  const alpha = options.lengthPenalty ?? 0;
  if (!Number.isInteger(k) || k < 1)
    throw new Error(`beamSearch: beamWidth must be an integer >= 1, got ${k}`);
  if (!(alpha >= 0)) throw new Error(`beamSearch: lengthPenalty must be >= 0, got ${alpha}`);
  const score = (logProb: number, length: number): number =>
    alpha === 0 ? logProb : logProb / Math.max(1, length) ** alpha;
  const V = model.vocabSize;

  let alive: Hypothesis[][] = Array.from({ length: n }, (_, i) => [{ tokens: [], logProb: 0, row: i }]);
  const ended: ScoredSequence[][] = Array.from({ length: n }, () => []);
  let state: S | null = initial;
  for (let t = 0; t < maxLength && state !== null; t++) {
    const rows = alive.flat();
    const tokens = new Int32Array(rows.length);
    for (const h of rows) tokens[h.row] = h.tokens.length > 0 ? h.tokens[h.tokens.length - 1] : bos;
    const out = await model.step(state, tokens);
    if (state !== initial) model.release(state);

    const parents: number[] = [];
    alive = alive.map((beam, item) => {
      const candidates: { parent: Hypothesis; token: number; logProb: number }[] = [];
      for (const h of beam) {
        const row = out.logProbs.subarray(h.row * V, (h.row + 1) * V);
        for (const token of topK(row, k)) {
          candidates.push({ parent: h, token, logProb: h.logProb + row[token] });
        }
      }
      candidates.sort((a, b) => descending(a.logProb, b.logProb));
      const next: Hypothesis[] = [];
      for (let rank = 0; rank < candidates.length && next.length < k; rank++) {
        const c = candidates[rank];
        if (c.token !== eos) {
          next.push({ tokens: [...c.parent.tokens, c.token], logProb: c.logProb, row: c.parent.row });
        } else if (rank < k) {
          const length = c.parent.tokens.length + 1;
          const result = { tokens: Int32Array.from(c.parent.tokens), logProb: c.logProb, finished: true };
          ended[item].push({ ...result, score: score(c.logProb, length) });
        }
      }
      const results = ended[item];
      if (results.length > 0 && next.length > 0) {
        const bestEnded = Math.max(...results.map((r) => r.score));
        const bestAlive = Math.max(...next.map((h) => h.logProb));
        const bound = alpha === 0 ? bestAlive : bestAlive / maxLength ** alpha;
        if (bestEnded >= bound) return [];
      }
      return next;
    });
    for (const h of alive.flat()) {
      parents.push(h.row);
      h.row = parents.length - 1;
    }
    state = parents.length > 0 ? model.select(out.state, Int32Array.from(parents)) : null;
    model.release(out.state);
  }
  if (state !== null && state !== initial) model.release(state);

  return alive.map((beam, item) => {
    const results = ended[item];
    for (const h of beam) {
      const result = { tokens: Int32Array.from(h.tokens), logProb: h.logProb, finished: false };
      results.push({ ...result, score: score(h.logProb, h.tokens.length) });
    }
    results.sort((a, b) => descending(a.score, b.score));
    const best = results[0];
    return { ...best, hypotheses: results };
  });
}
