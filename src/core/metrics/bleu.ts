/**
 * BLEU (Papineni, Roukos, Ward & Zhu 2002), corpus level, as captioning papers report BLEU-1..4.
 *
 * For each n, the modified n-gram precision p_n pools every candidate of the corpus: each candidate
 * n-gram counts at most as often as it appears in the single reference that has it most often (so
 * 'the the the' cannot score by repetition), summed over candidates, divided by the candidates' total
 * n-gram count. The brevity penalty uses the corpus lengths: c = total candidate length, r = sum of each
 * candidate's closest reference length (the shorter on a tie), BP = 1 if c > r else exp(1 − r / c).
 *
 *   BLEU-N = BP · exp( Σ_{n=1..N} (1/N) log p_n )
 *
 * No smoothing: if some p_n is 0 (no 4-gram matched anywhere), BLEU-N is 0, as in the paper.
 * Sequences are arrays of tokens (words or ids); comparison is exact.
 */

export type Sequence = readonly (string | number)[];

export interface BleuCounts {
  /** matched[n-1]: clipped n-gram matches summed over the corpus. */
  matched: number[];
  /** total[n-1]: candidate n-grams summed over the corpus. */
  total: number[];
  /** Total candidate length c. */
  candidateLength: number;
  /** Effective reference length r. */
  referenceLength: number;
}

function ngramCounts(seq: Sequence, n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= seq.length; i++) {
    // A separator that no token contains keeps ['a b', 'c'] apart from ['a', 'b c'].
    const key = seq.slice(i, i + n).join('\u0000');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The reference length closest to `length`; the shorter one on a tie. */
function closestLength(references: readonly Sequence[], length: number): number {
  let best = references[0]?.length ?? 0;
  for (const ref of references) {
    const d = Math.abs(ref.length - length);
    const dBest = Math.abs(best - length);
    if (d < dBest || (d === dBest && ref.length < best)) best = ref.length;
  }
  return best;
}

/**
 * The sufficient statistics of corpus BLEU up to `maxN`: candidates[i] is scored against references[i]
 * (one or more sequences).
 */
export function bleuCounts(
  candidates: readonly Sequence[],
  references: readonly (readonly Sequence[])[],
  maxN = 4,
): BleuCounts {
  if (candidates.length !== references.length) {
    throw new Error(`bleu: ${candidates.length} candidates but ${references.length} reference lists`);
  }
  const matched = new Array<number>(maxN).fill(0);
  const total = new Array<number>(maxN).fill(0);
  let candidateLength = 0;
  let referenceLength = 0;
  candidates.forEach((cand, i) => {
    const refs = references[i];
    candidateLength += cand.length;
    referenceLength += closestLength(refs, cand.length);
    for (let n = 1; n <= maxN; n++) {
      const maxRef = new Map<string, number>();
      for (const ref of refs) {
        for (const [g, c] of ngramCounts(ref, n)) maxRef.set(g, Math.max(maxRef.get(g) ?? 0, c));
      }
      for (const [g, c] of ngramCounts(cand, n)) {
        matched[n - 1] = matched[n - 1] + Math.min(c, maxRef.get(g) ?? 0);
        total[n - 1] = total[n - 1] + c;
      }
    }
  });
  return { matched, total, candidateLength, referenceLength };
}

/** Brevity penalty: 1 when the candidates are longer than the references, else exp(1 − r/c); 0 if c = 0. */
export function brevityPenalty(candidateLength: number, referenceLength: number): number {
  if (candidateLength === 0) return 0;
  return candidateLength > referenceLength ? 1 : Math.exp(1 - referenceLength / candidateLength);
}

/**
 * Corpus BLEU-1..maxN: element N-1 is BLEU-N (uniform weights over n = 1..N). Each in [0, 1].
 * candidates[i] is scored against all of references[i].
 */
export function corpusBleu(
  candidates: readonly Sequence[],
  references: readonly (readonly Sequence[])[],
  maxN = 4,
): number[] {
  const { matched, total, candidateLength, referenceLength } = bleuCounts(candidates, references, maxN);
  const bp = brevityPenalty(candidateLength, referenceLength);
  const scores: number[] = [];
  let logSum = 0;
  for (let n = 1; n <= maxN; n++) {
    const m = matched[n - 1];
    const t = total[n - 1];
    logSum += m > 0 && t > 0 ? Math.log(m / t) : -Infinity;
    scores.push(bp * Math.exp(logSum / n));
  }
  return scores;
}

/** BLEU-1..maxN of a single candidate: corpus BLEU of a one-sentence corpus. */
export function sentenceBleu(candidate: Sequence, references: readonly Sequence[], maxN = 4): number[] {
  return corpusBleu([candidate], [references], maxN);
}
