/**
 * What lessons read from a framework's own evaluation (`extra`): a few numbers each, null where the
 * evaluation does not have them (another framework, or a part the run could not measure).
 */
import type { LessonPoint } from './types';

function finite(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Joint: attribute accuracy read from the fused code of full pairs, and from each modality alone. */
export function jointAccuracy(
  p: LessonPoint | null,
): { both: number; imageOnly: number; textOnly: number; bestSingle: number } | null {
  if (p?.extra.framework !== 'joint') return null;
  const a = p.extra.joint.accuracy;
  const both = finite(a?.both);
  const imageOnly = finite(a?.imageOnly);
  const textOnly = finite(a?.textOnly);
  if (both === null || imageOnly === null || textOnly === null) return null;
  return { both, imageOnly, textOnly, bestSingle: Math.max(imageOnly, textOnly) };
}

/** Correlation: total canonical correlation of the towers' outputs and the number of components. */
export function canonicalTotal(p: LessonPoint | null): { total: number; k: number } | null {
  if (p?.extra.framework !== 'correlation' || 'problem' in p.extra.cca) return null;
  return { total: p.extra.cca.total, k: p.extra.cca.correlations.length };
}

/** Correlation: total canonical correlation of a linear CCA on the raw features (pixels, word counts). */
export function rawCanonicalTotal(p: LessonPoint | null): { total: number; k: number } | null {
  if (p?.extra.framework !== 'correlation') return null;
  const raw = p.extra.rawCca;
  if (!raw || 'problem' in raw) return null;
  return { total: raw.total, k: raw.correlations.length };
}

/** Correlation: the modality gap of the towers' own outputs (L2-normalised), before the CCA readout. */
export function towerGap(p: LessonPoint | null): number | null {
  return p?.extra.framework === 'correlation' ? finite(p.extra.towerGap) : null;
}

/** Encoder–decoder: share of seen evaluation images whose generated caption gets every attribute right. */
export function captionAllRight(p: LessonPoint | null): number | null {
  return p?.extra.framework === 'encdec' ? finite(p.extra.encdec.captionAccuracy?.seen.all) : null;
}

/** Encoder–decoder: BLEU-4 of the generated captions. */
export function bleu4(p: LessonPoint | null): number | null {
  return p?.extra.framework === 'encdec' ? finite(p.extra.encdec.bleu?.[3]) : null;
}
