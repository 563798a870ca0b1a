/**
 * What a trained run shows, measured on precomputed embeddings: the gap metrics (GapMetrics, the same
 * numbers and JSON shape as a run's evaluation) plus linear CCA and CKA. O(n·d) measures (gap, cone,
 * alignment) use every pair; O(n²) ones (uniformity, Recall@K) an evenly spaced sample, so 100,000 pairs
 * take seconds, not hours. When the two modalities differ in width there is no shared space: the measures
 * that compare an image with a caption read NaN (null in JSON) and `unavailable` says why.
 */
import { embeddings, selectRows } from '../metrics/embeddings';
import { coneCosine, modalityGap, pairCosine } from '../metrics/gap';
import { alignment, uniformity } from '../metrics/alignmentUniformity';
import { recallFromRanks, retrievalRanks, type RetrievalRanks } from '../metrics/recall';
import type { GapMetrics, SplitMetrics } from '../metrics/gapMetrics';
import { summariseCca, type CcaSummary } from '../metrics/cca';
import { linearCka } from '../metrics/cka';
import type { EmbeddingPairs } from './embeddingPairs';

/** Recall@K and uniformity are measured on at most this many pairs (gallery included). */
export const RETRIEVAL_MAX_PAIRS = 2048;
/** CCA and CKA (O(n·d²)) are measured on at most this many pairs. */
export const CORRELATION_MAX_PAIRS = 4096;

export interface EmbeddingMetrics extends GapMetrics {
  /** What was measured: the modalities ('image' is the first and 'text' the second in the GapMetrics keys). */
  embeddings: {
    names: [string, string];
    /** Number of pairs. */
    count: number;
    dims: [number, number];
    /** How many pairs the sampled measures used. */
    sample: { retrieval: number; correlation: number };
    /** Where retrieval's semantic keys came from. */
    keys: EmbeddingPairs['keySource'];
  };
  /** Linear CCA of the two modalities (works across widths), or why it could not be computed. */
  cca: CcaSummary | { problem: string };
  /** Linear CKA of the two modalities, NaN when one does not vary. */
  cka: number;
  /** Measures that could not be computed, with the reason (e.g. no shared space). */
  unavailable?: Record<string, string>;
}

/** `m` row indices spread evenly over 0..n−1 (all of them when n ≤ m): deterministic, and not biased by a file sorted by class. */
export function evenRows(n: number, m: number): Int32Array {
  if (n <= m) return Int32Array.from({ length: n }, (_, i) => i);
  return Int32Array.from({ length: m }, (_, i) => Math.floor((i * n) / m));
}

/** The measures that need both modalities in one space (equal widths). */
export const SHARED_SPACE_MEASURES = ['gap', 'alignment', 'pairCosine', 'Recall@K'] as const;

/** Every measure of `pairs`. `ccaPoints`: canonical variates kept for a scatter (0 for the runner's JSON). */
export function embeddingMetrics(pairs: EmbeddingPairs, ccaPoints = 0): EmbeddingMetrics {
  const [d1, d2] = pairs.dims;
  const x = embeddings(pairs.a, d1);
  const y = embeddings(pairs.b, d2);
  const sample = evenRows(pairs.n, RETRIEVAL_MAX_PAIRS);
  const xs = selectRows(x, sample);
  const ys = selectRows(y, sample);
  const shared = d1 === d2;
  const held = pairs.heldOut;
  const allSeen: number[] = [];
  const allHeld: number[] = [];
  for (let i = 0; i < pairs.n; i++) (held?.[i] ? allHeld : allSeen).push(i);
  const sampleKeys = Array.from(sample, (i) => pairs.keys[i]);
  const sampleSplit = (wantHeld: boolean) =>
    Array.from(sample.keys()).filter((r) => Boolean(held?.[sample[r]]) === wantHeld);
  // Both splits query the whole sample: its ranks both ways come from one pass, made on first use.
  let sampleRanks: RetrievalRanks | undefined;
  const ranksOf = (sampled: number[], pick: (r: RetrievalRanks) => Int32Array) => {
    sampleRanks ??= retrievalRanks(xs, ys, sampleKeys);
    const all = pick(sampleRanks);
    return recallFromRanks(Int32Array.from(sampled, (r) => all[r]));
  };
  const split = (rows: number[], sampled: number[]): SplitMetrics => {
    if (rows.length === 0 || !shared) {
      const none = recallFromRanks(new Int32Array(0));
      return { count: rows.length, gap: NaN, alignment: NaN, pairCosine: NaN, i2t: none, t2i: none };
    }
    return {
      count: rows.length,
      gap: modalityGap(x, y, rows),
      alignment: alignment(x, y, rows),
      pairCosine: pairCosine(x, y, rows),
      i2t: ranksOf(sampled, (r) => r.i2t),
      t2i: ranksOf(sampled, (r) => r.t2i),
    };
  };
  const corr = evenRows(pairs.n, CORRELATION_MAX_PAIRS);
  const xc = selectRows(x, corr).data;
  const yc = selectRows(y, corr).data;
  let cka = NaN;
  const unavailable: Record<string, string> = {};
  try {
    cka = linearCka(xc, yc, d1, d2);
  } catch (e) {
    unavailable.cka = e instanceof Error ? e.message : String(e);
  }
  if (!shared) {
    const why = `needs a shared space, but ${pairs.names[0]} is ${d1}-d and ${pairs.names[1]} ${d2}-d`;
    for (const m of SHARED_SPACE_MEASURES) unavailable[m] = why;
  }
  const cca = summariseCca(xc, yc, d1, d2, { points: ccaPoints });
  if ('problem' in cca) unavailable.cca = cca.problem;
  return {
    embeddings: {
      names: [pairs.names[0], pairs.names[1]],
      count: pairs.n,
      dims: [d1, d2],
      sample: { retrieval: sample.length, correlation: corr.length },
      keys: pairs.keySource,
    },
    gap: shared ? modalityGap(x, y) : NaN,
    alignment: shared ? alignment(x, y) : NaN,
    pairCosine: shared ? pairCosine(x, y) : NaN,
    uniformityImage: uniformity(xs),
    uniformityText: uniformity(ys),
    coneImage: coneCosine(x),
    coneText: coneCosine(y),
    seen: split(allSeen, sampleSplit(false)),
    heldOut: split(allHeld, sampleSplit(true)),
    cca,
    cka,
    ...(Object.keys(unavailable).length > 0 ? { unavailable } : {}),
  };
}
