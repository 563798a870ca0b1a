import { describe, it, expect } from 'vitest';
import { greedyDecode } from '../../../src/core/decoding/greedy';
import { beamSearch } from '../../../src/core/decoding/beamSearch';
import { sampleDecode, sampleToken } from '../../../src/core/decoding/sample';
import { createRng } from '../../../src/core/random/rng';
import { A, B, BOS, EOS, V, dist, emptyPrefixes, toyModel } from './toyModel';

const options = { bos: BOS, eos: EOS, maxLength: 6 };

/**
 * The classic trap for greedy decoding: 'A' is the likelier first word (0.6), but every sentence after
 * it is unlikely; 'B' (0.4) is almost always followed by the end.
 *   P(A A </s>) = 0.6 · 0.4 · 1 = 0.24,  P(A B </s>) = 0.6 · 0.3 · 1 = 0.18,  P(A </s>) = 0.6 · 0.3 = 0.18
 *   P(B </s>) = 0.4 · 0.9 = 0.36  <- the most probable sequence
 */
function trap(prefix: readonly number[]): number[] {
  const words = prefix.slice(1);
  if (words.length === 0) return dist({ a: 0.6, b: 0.4 });
  if (words[0] === A && words.length === 1) return dist({ a: 0.4, b: 0.3, eos: 0.3 });
  if (words[0] === B && words.length === 1) return dist({ eos: 0.9, a: 0.1 });
  return dist({ eos: 1 });
}

describe('greedy decoding', () => {
  it('takes the most probable token at each step and stops at EOS', async () => {
    const model = toyModel(trap);
    const [out] = await greedyDecode(model, emptyPrefixes(1), 1, options);
    expect(Array.from(out.tokens)).toEqual([A, A]);
    expect(out.finished).toBe(true);
    expect(out.logProb).toBeCloseTo(Math.log(0.6 * 0.4 * 1), 6);
    expect(model.live.size).toBe(0);
  });

  it('returns one sequence per row and marks rows cut at maxLength as unfinished', async () => {
    // Row-independent: always 'A' (never ends).
    const model = toyModel(() => dist({ a: 0.9, eos: 0.1 }));
    const out = await greedyDecode(model, emptyPrefixes(3), 3, { ...options, maxLength: 4 });
    expect(out).toHaveLength(3);
    for (const o of out) {
      expect(Array.from(o.tokens)).toEqual([A, A, A, A]);
      expect(o.finished).toBe(false);
      expect(o.logProb).toBeCloseTo(4 * Math.log(0.9), 5);
    }
    expect(model.steps).toBe(4);
    expect(model.live.size).toBe(0);
  });
});

describe('beam search', () => {
  it('finds the most probable sequence where greedy decoding does not', async () => {
    const model = toyModel(trap);
    const [best] = await beamSearch(model, emptyPrefixes(1), 1, { ...options, beamWidth: 2 });
    expect(Array.from(best.tokens)).toEqual([B]);
    expect(best.logProb).toBeCloseTo(Math.log(0.36), 6);
    expect(best.finished).toBe(true);
    expect(best.hypotheses[0].tokens).toEqual(best.tokens);
    // After two steps 'B </s>' (0.36) has ended and the best open prefix, 'A A' (0.24), can only lose
    // probability: the search stops there instead of running to maxLength.
    expect(model.steps).toBe(2);
    expect(model.live.size).toBe(0);
  });

  it('with width 1 is greedy decoding', async () => {
    const [best] = await beamSearch(toyModel(trap), emptyPrefixes(1), 1, { ...options, beamWidth: 1 });
    expect(Array.from(best.tokens)).toEqual([A, A]);
  });

  it('ranks by mean log-probability with lengthPenalty 1', async () => {
    // 'A </s>' = 0.6 · 0.5 = 0.30 over 2 tokens (mean log-probability log 0.548);
    // 'B A A </s>' = 0.4 · 0.9³ = 0.29 over 4 tokens (mean log 0.735).
    // α = 0 (total) picks 'A'; α = 1 (mean per token) picks 'B A A'.
    const next = (prefix: readonly number[]): number[] => {
      const words = prefix.slice(1);
      if (words.length === 0) return dist({ a: 0.6, b: 0.4 });
      if (words[0] === A) return dist({ eos: 0.5, b: 0.5 * 0.1, a: 0.5 * 0.9 * (words.length > 3 ? 0 : 1) });
      return words.length < 3 ? dist({ a: 0.9, eos: 0.1 }) : dist({ eos: 0.9, a: 0.1 });
    };
    const total = await beamSearch(toyModel(next), emptyPrefixes(1), 1, { ...options, beamWidth: 3 });
    expect(Array.from(total[0].tokens)).toEqual([A]);
    const mean = await beamSearch(toyModel(next), emptyPrefixes(1), 1, {
      ...options,
      beamWidth: 3,
      lengthPenalty: 1,
    });
    expect(Array.from(mean[0].tokens)).toEqual([B, A, A]);
    expect(mean[0].score).toBeCloseTo(Math.log(0.4 * 0.9 ** 3) / 4, 5);
  });

  it('equals exhaustive search when the beam holds every prefix (random distributions)', async () => {
    const rng = createRng(7);
    const table = new Map<string, number[]>();
    const next = (prefix: readonly number[]): number[] => {
      const key = prefix.join();
      if (!table.has(key)) {
        const raw = [rng.next(), rng.next(), rng.next()];
        const sum = raw[0] + raw[1] + raw[2];
        table.set(key, dist({ eos: raw[0] / sum, a: raw[1] / sum, b: raw[2] / sum }));
      }
      return table.get(key)!;
    };
    const maxLength = 4;
    // Exhaustive: every sequence of words then EOS (or cut at maxLength), scored by total log-probability.
    let best = { tokens: [] as number[], logProb: -Infinity };
    const visit = (words: number[], logProb: number): void => {
      const p = next([BOS, ...words]);
      if (words.length === maxLength) {
        if (logProb > best.logProb) best = { tokens: words, logProb };
        return;
      }
      const ended = logProb + Math.log(p[EOS]);
      if (ended > best.logProb) best = { tokens: words, logProb: ended };
      for (const w of [A, B]) visit([...words, w], logProb + Math.log(p[w]));
    };
    visit([], 0);
    const model = toyModel(next);
    const [out] = await beamSearch(model, emptyPrefixes(1), 1, { ...options, maxLength, beamWidth: V ** 4 });
    expect(Array.from(out.tokens)).toEqual(best.tokens);
    expect(out.logProb).toBeCloseTo(best.logProb, 5);
    expect(model.live.size).toBe(0);
  });

  it('decodes several items at once, each from its own start', async () => {
    // Row 0 starts with a prefix that prefers 'B </s>', row 1 one that prefers 'A </s>'.
    const next = (prefix: readonly number[]): number[] => {
      if (prefix[prefix.length - 1] !== BOS) return dist({ eos: 1 });
      return dist(prefix[0] === BOS ? { b: 0.7, a: 0.3 } : { a: 0.7, b: 0.3 });
    };
    const model = toyModel(next);
    const initial = [[], [9]]; // row 1's state starts with a marker, so it sees [9, BOS], not [BOS]
    const out = await beamSearch(model, initial, 2, { ...options, beamWidth: 3 });
    expect(out.map((o) => Array.from(o.tokens))).toEqual([[B], [A]]);
    expect(model.live.size).toBe(0);
  });

  it('rejects a width below 1', async () => {
    await expect(
      beamSearch(toyModel(trap), emptyPrefixes(1), 1, { ...options, beamWidth: 0 }),
    ).rejects.toThrow(/beamWidth/);
  });
});

describe('sampling', () => {
  it('draws tokens in proportion to their probability at temperature 1', () => {
    const logProbs = Float32Array.from(dist({ a: 0.2, b: 0.8 }), Math.log);
    const rng = createRng(3);
    let b = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) if (sampleToken(logProbs, 1, rng) === B) b++;
    expect(b / n).toBeCloseTo(0.8, 1.5);
  });

  it('sharpens towards the most probable token as the temperature falls', () => {
    const logProbs = Float32Array.from(dist({ a: 0.4, b: 0.6 }), Math.log);
    const rng = createRng(4);
    let b = 0;
    for (let i = 0; i < 2000; i++) if (sampleToken(logProbs, 0.05, rng) === B) b++;
    // (0.6/0.4)^(1/0.05) ≈ 3300: 'B' nearly always.
    expect(b).toBeGreaterThan(1990);
    expect(() => sampleToken(logProbs, 0, rng)).toThrow(/temperature/);
  });

  it('never draws a token of probability 0 and is reproducible for one seed', async () => {
    const run = async (seed: number) => {
      const model = toyModel(trap);
      const out = await sampleDecode(
        model,
        emptyPrefixes(50),
        50,
        { ...options, temperature: 1.5 },
        createRng(seed),
      );
      expect(model.live.size).toBe(0);
      return out.map((o) => Array.from(o.tokens).join(' '));
    };
    const first = await run(11);
    expect(await run(11)).toEqual(first);
    for (const s of first) expect(['4 4', '4 5', '4', '5', '5 4'].includes(s)).toBe(true);
    expect(new Set(first).size).toBeGreaterThan(2);
  });
});
