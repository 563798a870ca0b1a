/**
 * Attribute accuracy of generated items, per attribute and split. Plain numbers in, plain JSON out.
 */

/** Fraction correct per attribute name, `all` (every attribute right) and the number of items. */
export type AttributeScores = Record<string, number> & { all: number; count: number };

export interface SplitAttributeScores {
  seen: AttributeScores;
  heldOut: AttributeScores;
}

/** Marks an attribute the generated item does not show (a caption that never names a colour). */
export const MISSING = -1;

/**
 * predicted, truth: [n, names.length] value indices (predicted may hold MISSING, which counts as wrong).
 * heldOut: 1 for items of held-out combinations (absent: all seen). Empty splits give NaN scores.
 */
export function attributeAccuracy(
  predicted: Int32Array,
  truth: Int32Array,
  names: readonly string[],
  heldOut?: Uint8Array,
): SplitAttributeScores {
  const A = names.length;
  const n = truth.length / A;
  const split = (held: boolean): AttributeScores => {
    const correct = new Array<number>(A).fill(0);
    let all = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      if ((heldOut?.[i] === 1) !== held) continue;
      count++;
      let every = true;
      for (let a = 0; a < A; a++) {
        const ok = predicted[i * A + a] === truth[i * A + a];
        if (ok) correct[a] = correct[a] + 1;
        else every = false;
      }
      if (every) all++;
    }
    const scores: Record<string, number> = {};
    names.forEach((name, a) => (scores[name] = count > 0 ? correct[a] / count : NaN));
    return { ...scores, all: count > 0 ? all / count : NaN, count };
  };
  return { seen: split(false), heldOut: split(true) };
}
