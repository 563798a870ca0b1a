import type { Decoded, DecodeOptions, StepModel } from './stepModel';

/**
 * The left-to-right loop shared by greedy decoding and sampling: every row feeds its last token, and
 * `choose` picks the next one from that row's log-probabilities. A row that has emitted EOS keeps being
 * stepped with EOS (one batched call per step is cheaper than shrinking the batch) but its sequence no
 * longer changes.
 *
 * initial: the model's state for `n` rows (owned by the caller). Returns one sequence per row.
 */
export async function decodeStepwise<S>(
  model: StepModel<S>,
  initial: S,
  n: number,
  options: DecodeOptions,
  choose: (logProbs: Float32Array) => number,
): Promise<Decoded[]> {
  const V = model.vocabSize;
  const tokens = new Int32Array(n).fill(options.bos);
  const sequences: number[][] = Array.from({ length: n }, () => []);
  const logProb = new Float64Array(n);
  const finished = new Uint8Array(n);
  let state = initial;
  let open = n;
  for (let t = 0; t < options.maxLength && open > 0; t++) {
    const out = await model.step(state, tokens);
    if (state !== initial) model.release(state);
    state = out.state;
    for (let r = 0; r < n; r++) {
      if (finished[r]) continue;
      const row = out.logProbs.subarray(r * V, (r + 1) * V);
      const token = choose(row);
      logProb[r] += row[token];
      tokens[r] = token;
      if (token === options.eos) {
        finished[r] = 1;
        open--;
      } else {
        sequences[r].push(token);
      }
    }
  }
  if (state !== initial) model.release(state);
  return sequences.map((seq, r) => ({
    tokens: Int32Array.from(seq),
    logProb: logProb[r],
    finished: finished[r] === 1,
  }));
}
