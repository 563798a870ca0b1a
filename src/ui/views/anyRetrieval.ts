/**
 * Retrieval from any modality to any other on the page, from the shown snapshot's codes: the query is
 * item i's code in one modality, the gallery every item's code in another, scored by cosine (the codes
 * are L2-normalised). n·d multiply-adds per query, a few microseconds at n = 512.
 */
import type { Modality } from '../../core/data/modalities';
import type { Snapshot } from '../../training/protocol';
import { modalityCodes } from './modalityCodes';

export interface CrossHit {
  index: number;
  score: number;
}

/** The k items whose `to` code is nearest item `index`'s `from` code, best first; [] without the codes. */
export function retrieveAcross(
  s: Snapshot,
  from: Modality,
  to: Modality,
  index: number,
  k: number,
): CrossHit[] {
  const query = modalityCodes(s, from);
  const gallery = modalityCodes(s, to);
  const d = s.dim;
  if (!query || !gallery || index < 0 || (index + 1) * d > query.length) return [];
  const q = query.subarray(index * d, (index + 1) * d);
  const n = gallery.length / d;
  const hits: CrossHit[] = [];
  for (let i = 0; i < n; i++) {
    let score = 0;
    for (let c = 0; c < d; c++) score += q[c] * gallery[i * d + c];
    hits.push({ index: i, score });
  }
  hits.sort((a, b) => b.score - a.score || a.index - b.index);
  return hits.slice(0, k);
}
