/**
 * The embedding-shift experiment of Liang et al. (2022, "Mind the Gap", §4.3): move one modality's
 * embeddings along the gap vector Δ = mean(first) − mean(second) by a fraction f, re-normalise them to
 * the sphere, and see how the gap and retrieval change. f = 1 would put the first modality's centre on
 * the second's before re-normalising; f < 0 widens the gap. Liang et al. found that closing the gap
 * this way does not by itself improve zero-shot accuracy: the gap is not simply a defect to remove.
 */
import { embeddings, meanRow, selectRows, type Embeddings } from '../metrics/embeddings';
import { modalityGap } from '../metrics/gap';
import { recallFromRanks, retrievalRanks, type RecallScores } from '../metrics/recall';
import type { EmbeddingPairs } from './embeddingPairs';
import { evenRows, RETRIEVAL_MAX_PAIRS } from './pairMetrics';

export interface ShiftPoint {
  fraction: number;
  /** Modality gap after the shift, over every pair. */
  gap: number;
  /** Recall in both directions on the retrieval sample (see RETRIEVAL_MAX_PAIRS). */
  i2t: RecallScores;
  t2i: RecallScores;
}

export interface ShiftSweep {
  /** The modality moved. */
  modality: string;
  /** ‖Δ‖, the gap before any shift. */
  gapLength: number;
  points: ShiftPoint[];
}

/**
 * Row i of `x` moved by −f·Δ and re-normalised: x'_i = (x_i − fΔ) / ‖x_i − fΔ‖. x: [n, d], delta: [d].
 * A row that the shift sends to the origin keeps its direction unchanged (it has none after the shift).
 */
export function shiftRows(x: Embeddings, delta: Float64Array, fraction: number): Embeddings {
  const { n, d } = x;
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < d; k++) {
      const v = x.data[i * d + k] - fraction * delta[k];
      out[i * d + k] = v;
      s += v * v;
    }
    const norm = Math.sqrt(s);
    for (let k = 0; k < d; k++) out[i * d + k] = norm > 0 ? out[i * d + k] / norm : x.data[i * d + k];
  }
  return { n, d, data: out };
}

/**
 * The shift experiment over `fractions`, moving modality `which` (0: the first, 1: the second, moved
 * towards the first along −Δ). Needs both modalities in one space (equal widths).
 */
export function shiftSweep(
  pairs: EmbeddingPairs,
  fractions: readonly number[],
  which: 0 | 1 = 0,
): ShiftSweep {
  const [d1, d2] = pairs.dims;
  if (d1 !== d2) {
    throw new Error(
      `The shift experiment moves one modality along the gap, which needs a shared space: ${pairs.names[0]} is ${d1}-d and ${pairs.names[1]} ${d2}-d.`,
    );
  }
  const x = embeddings(pairs.a, d1);
  const y = embeddings(pairs.b, d2);
  const mx = meanRow(x);
  const my = meanRow(y);
  // Moving the second modality towards the first is moving it along −Δ.
  const delta = Float64Array.from(mx, (v, k) => (which === 0 ? v - my[k] : my[k] - v));
  const sample = evenRows(pairs.n, RETRIEVAL_MAX_PAIRS);
  const keys = Array.from(sample, (i) => pairs.keys[i]);
  const points = fractions.map((fraction): ShiftPoint => {
    const moved = shiftRows(which === 0 ? x : y, delta, fraction);
    const [a, b] = which === 0 ? [moved, y] : [x, moved];
    const as = selectRows(a, sample);
    const bs = selectRows(b, sample);
    const ranks = retrievalRanks(as, bs, keys);
    return {
      fraction,
      gap: modalityGap(a, b),
      i2t: recallFromRanks(ranks.i2t),
      t2i: recallFromRanks(ranks.t2i),
    };
  });
  return { modality: pairs.names[which], gapLength: modalityGap(x, y), points };
}

/** Parses a list of fractions ('-1,-0.5,0,0.5,1'); each in [−2, 2]. Returns the numbers or the errors. */
export function parseFractions(text: string): number[] | { errors: string[] } {
  const errors: string[] = [];
  const values = text.split(',').map((s) => s.trim());
  const out: number[] = [];
  for (const v of values) {
    const f = v === '' ? NaN : Number(v);
    if (!Number.isFinite(f) || f < -2 || f > 2)
      errors.push(`--shift: ${JSON.stringify(v)} is not a fraction between -2 and 2`);
    else out.push(f);
  }
  return errors.length > 0 ? { errors } : out;
}
