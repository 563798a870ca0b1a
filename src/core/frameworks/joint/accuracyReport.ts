import { CONDITIONS, type Condition, type ConditionScores } from './conditionNames';
import { readerAccuracy, type LinearReader } from './linearReader';

/** Attribute accuracy under each condition, overall and per attribute (names from the schema). */
export interface AccuracyReport extends ConditionScores {
  /** The better of imageOnly and textOnly. */
  bestSingle: number;
  /** both − bestSingle: what fusing gains over the better modality alone. */
  fusionGain: number;
  perAttribute: Record<string, ConditionScores>;
  /** Mean accuracy on the evaluation pairs whose combination of attributes was seen in training. */
  seen: ConditionScores;
  /** Mean accuracy on the evaluation pairs whose colour × shape combination was never trained on. */
  heldOut: ConditionScores;
}

/** Codes of one set under each condition, [n, d] row-major each. */
export type Codes = Record<Condition, Float32Array>;

export function mapConditions<T>(f: (c: Condition) => T): Record<Condition, T> {
  return Object.fromEntries(CONDITIONS.map((c) => [c, f(c)])) as Record<Condition, T>;
}

/** Mean accuracy of each condition's reader on that condition's codes. */
export function meanAccuracy(
  readers: Record<Condition, LinearReader>,
  codes: Codes,
  labels: Int32Array,
): ConditionScores {
  return mapConditions((c) => readerAccuracy(readers[c], codes[c], labels).mean);
}

export function accuracyReport(
  readers: Record<Condition, LinearReader>,
  codes: Codes,
  labels: Int32Array,
  names: readonly string[],
  heldOut: Uint8Array | undefined,
): AccuracyReport {
  const heldRows: number[] = [];
  const seenRows: number[] = [];
  const n = labels.length / readers.both.sizes.length;
  for (let i = 0; i < n; i++) (heldOut?.[i] ? heldRows : seenRows).push(i);
  const all = mapConditions((c) => readerAccuracy(readers[c], codes[c], labels));
  const bestSingle = Math.max(all.imageOnly.mean, all.textOnly.mean);
  const perAttribute: Record<string, ConditionScores> = {};
  names.forEach((name, a) => {
    perAttribute[name] = mapConditions((c) => all[c].perAttribute[a]);
  });
  return {
    both: all.both.mean,
    imageOnly: all.imageOnly.mean,
    textOnly: all.textOnly.mean,
    bestSingle,
    fusionGain: all.both.mean - bestSingle,
    perAttribute,
    seen: mapConditions((c) => readerAccuracy(readers[c], codes[c], labels, seenRows).mean),
    heldOut: mapConditions((c) => readerAccuracy(readers[c], codes[c], labels, heldRows).mean),
  };
}

/** Mean over rows of the cosine between row i of a and row i of b ([n, d] each). */
export function meanRowCosine(a: Float32Array, b: Float32Array, d: number): number {
  const n = a.length / d;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let ab = 0;
    let aa = 0;
    let bb = 0;
    for (let k = 0; k < d; k++) {
      const x = a[i * d + k];
      const y = b[i * d + k];
      ab += x * y;
      aa += x * x;
      bb += y * y;
    }
    total += ab / Math.sqrt(aa * bb + 1e-24);
  }
  return n > 0 ? total / n : NaN;
}
