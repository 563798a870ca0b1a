import type { Rng } from '../random/rng';

/**
 * Modality dropout (Ngiam et al. 2011): each row, with probability `rate`, loses one of its modalities,
 * chosen uniformly; the others stay. Trained this way a joint model must infer the joint code from any
 * one modality alone, which is what pulls the image-only and text-only codes together.
 *
 * Two draws per row whatever the outcome, so the stream of `rng` (and hence the run) does not depend on
 * which rows dropped. Returns the presence mask [rows, modalities] row-major: 1 kept, 0 dropped.
 */
export function modalityDropoutMask(rows: number, modalities: number, rate: number, rng: Rng): Float32Array {
  const mask = new Float32Array(rows * modalities).fill(1);
  for (let r = 0; r < rows; r++) {
    const drops = rng.next() < rate;
    const which = rng.int(modalities);
    if (drops && modalities > 1) mask[r * modalities + which] = 0;
  }
  return mask;
}

/**
 * Modality dropout over any number of modalities: each row, with probability `rate`, keeps a non-empty
 * proper subset of its modalities chosen uniformly (with three: one of the three alone or one of the
 * three pairs), so the joint code is trained from every input a query may bring. With two modalities
 * this is the same distribution as `modalityDropoutMask` (keep one of the two).
 *
 * Two draws per row whatever the outcome. Returns the presence mask [rows, modalities] row-major.
 */
export function subsetDropoutMask(rows: number, modalities: number, rate: number, rng: Rng): Float32Array {
  const mask = new Float32Array(rows * modalities).fill(1);
  const subsets = 2 ** modalities - 2; // neither empty nor all
  for (let r = 0; r < rows; r++) {
    const drops = rng.next() < rate;
    const kept = 1 + rng.int(Math.max(subsets, 1));
    if (!drops || modalities < 2) continue;
    for (let m = 0; m < modalities; m++) if (!(kept & (1 << m))) mask[r * modalities + m] = 0;
  }
  return mask;
}
