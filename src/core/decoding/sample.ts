import type { Rng } from '../random/rng';
import { argmax, type Decoded, type DecodeOptions, type StepModel } from './stepModel';
import { decodeStepwise } from './stepwise';

/**
 * Draws a token from softmax(logProbs / temperature) with one uniform number from `rng`.
 * Temperature 1 samples the model's own distribution; below 1 sharpens it towards the greedy choice
 * (and as it nears 0, becomes it); above 1 flattens it towards uniform. Tokens with probability 0 are
 * never drawn.
 */
export function sampleToken(logProbs: Float32Array, temperature: number, rng: Rng): number {
  if (!(temperature > 0)) throw new Error(`sampleToken: temperature must be > 0, got ${temperature}`);
  const best = argmax(logProbs);
  const top = logProbs[best];
  if (!Number.isFinite(top)) return best;
  // Shift by the maximum before exponentiating, so a tiny temperature cannot overflow.
  const weights = new Float64Array(logProbs.length);
  let total = 0;
  for (let i = 0; i < logProbs.length; i++) {
    const w = Math.exp((logProbs[i] - top) / temperature);
    weights[i] = w;
    total += w;
  }
  let u = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0 && weights[i] > 0) return i;
  }
  return best;
}

/**
 * Ancestral sampling: each next token drawn from the model's distribution at `temperature`.
 * Varied captions for one image, reproducible for one seed. The returned `logProb` is under the model
 * itself (temperature 1), so sequences from different temperatures can be compared.
 *
 * initial: the model's state for `n` rows (the caller keeps ownership). Returns one sequence per row.
 */
export function sampleDecode<S>(
  model: StepModel<S>,
  initial: S,
  n: number,
  options: DecodeOptions & { temperature: number },
  rng: Rng,
): Promise<Decoded[]> {
  return decodeStepwise(model, initial, n, options, (row) => sampleToken(row, options.temperature, rng));
}
