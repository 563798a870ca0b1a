import { argmax, type Decoded, type DecodeOptions, type StepModel } from './stepModel';
import { decodeStepwise } from './stepwise';

/**
 * Greedy decoding: at each step the single most probable next token. Fast and deterministic, but it can
 * miss the most probable sequence: a likely first word may only lead to unlikely continuations.
 *
 * initial: the model's state for `n` rows (the caller keeps ownership). Returns one sequence per row.
 */
export function greedyDecode<S>(
  model: StepModel<S>,
  initial: S,
  n: number,
  options: DecodeOptions,
): Promise<Decoded[]> {
  return decodeStepwise(model, initial, n, options, argmax);
}
