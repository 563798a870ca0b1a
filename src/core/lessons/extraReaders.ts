/**
 * What lessons read from a framework's own evaluation (`extra`): a few numbers each, null where the
 * evaluation does not have them (another framework, or a part the run could not measure).
 */
import type { LessonPoint } from './types';

function field(value: unknown, ...path: string[]): unknown {
  let at = value;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Joint: attribute accuracy read from the fused code of full pairs, and from each modality alone. */
export function jointAccuracy(
  p: LessonPoint | null,
): { both: number; imageOnly: number; textOnly: number; bestSingle: number } | null {
  const a = field(p?.extra, 'joint', 'accuracy');
  const both = num(field(a, 'both'));
  const imageOnly = num(field(a, 'imageOnly'));
  const textOnly = num(field(a, 'textOnly'));
  if (both === null || imageOnly === null || textOnly === null) return null;
  return { both, imageOnly, textOnly, bestSingle: Math.max(imageOnly, textOnly) };
}

/** Joint: parameters of the fusion operator alone. */
export function fusionParameters(p: LessonPoint | null): number | null {
  return num(field(p?.extra, 'joint', 'parameters', 'fusion'));
}

/** Correlation: total canonical correlation of the towers' outputs and the number of components. */
export function canonicalTotal(p: LessonPoint | null): { total: number; k: number } | null {
  const cca = field(p?.extra, 'cca');
  const total = num(field(cca, 'total'));
  const correlations = field(cca, 'correlations');
  if (total === null || !Array.isArray(correlations)) return null;
  return { total, k: correlations.length };
}

/** Correlation: total canonical correlation of a linear CCA on the raw features (pixels, word counts). */
export function rawCanonicalTotal(p: LessonPoint | null): { total: number; k: number } | null {
  const cca = field(p?.extra, 'rawCca');
  const total = num(field(cca, 'total'));
  const correlations = field(cca, 'correlations');
  if (total === null || !Array.isArray(correlations)) return null;
  return { total, k: correlations.length };
}

/** Encoder–decoder: share of seen evaluation images whose generated caption gets every attribute right. */
export function captionAllRight(p: LessonPoint | null): number | null {
  return num(field(p?.extra, 'encdec', 'captionAccuracy', 'seen', 'all'));
}

/** Encoder–decoder: BLEU-4 of the generated captions. */
export function bleu4(p: LessonPoint | null): number | null {
  const bleu = field(p?.extra, 'encdec', 'bleu');
  return Array.isArray(bleu) ? num(bleu[3]) : null;
}

/** Correlation: the modality gap of the towers' own outputs, before the CCA readout aligns them. */
export function towerGap(p: LessonPoint | null): number | null {
  return num(field(p?.extra, 'towerGap'));
}
