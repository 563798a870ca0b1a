import type { StepModel } from '../../../src/core/decoding/stepModel';

/** Token ids of the toy vocabulary: the project's specials, then two words. */
export const PAD = 0;
export const BOS = 2;
export const EOS = 3;
export const A = 4;
export const B = 5;
export const V = 6;

/**
 * A host-side model whose state is each row's prefix (BOS included) and whose next-token distribution
 * is any function of the prefix. `released` counts freed states; `live` the ones still held.
 */
export function toyModel(
  next: (prefix: readonly number[]) => readonly number[],
): StepModel<number[][]> & { steps: number; live: Set<number[][]> } {
  const live = new Set<number[][]>();
  const track = (s: number[][]): number[][] => {
    live.add(s);
    return s;
  };
  const model = {
    vocabSize: V,
    steps: 0,
    live,
    step(state: number[][], tokens: Int32Array) {
      model.steps++;
      const prefixes = state.map((p, r) => [...p, tokens[r]]);
      const logProbs = new Float32Array(prefixes.length * V);
      prefixes.forEach((p, r) => {
        const probs = next(p);
        for (let k = 0; k < V; k++) logProbs[r * V + k] = Math.log(probs[k] ?? 0);
      });
      return Promise.resolve({ logProbs, state: track(prefixes) });
    },
    select: (state: number[][], rows: Int32Array) => track(Array.from(rows, (r) => [...state[r]])),
    release: (state: number[][]) => {
      if (!live.delete(state)) throw new Error('released a state twice or one it did not make');
    },
  };
  return model;
}

/** A distribution over the toy vocabulary from a few named probabilities. */
export function dist(p: Partial<Record<'eos' | 'a' | 'b', number>>): number[] {
  const out = new Array<number>(V).fill(0);
  out[EOS] = p.eos ?? 0;
  out[A] = p.a ?? 0;
  out[B] = p.b ?? 0;
  return out;
}

/** Initial toy state for n rows: empty prefixes (the BOS is fed by the first step). */
export const emptyPrefixes = (n: number): number[][] => Array.from({ length: n }, () => []);
