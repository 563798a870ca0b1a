/**
 * The shown snapshot read per modality: which modalities the run has, each one's [n, dim] codes, the
 * words a student reads for each, and the measured gap of each pair. Runs of images and captions only
 * (and runs saved before sound existed) read as they always did: image and text, the image–text gap.
 */
import { modalityPairs, type Modality, type PairKey } from '../../core/data/modalities';
import type { Snapshot } from '../../training/protocol';
import { formatMetric } from '../format';

/** A snapshot as the worker sends it with any modalities: one block of codes per modality. */
type WithCodes = Snapshot & { codes?: Partial<Record<Modality, Float32Array>> };

/** Plain names, for labels a student reads ("image ↔ sound gap"). */
export const MODALITY_NOUN: Record<Modality, { one: string; many: string; cap: string }> = {
  image: { one: 'image', many: 'images', cap: 'Images' },
  text: { one: 'caption', many: 'captions', cap: 'Captions' },
  audio: { one: 'sound', many: 'sounds', cap: 'Sounds' },
};

/**
 * The run's modalities whose codes the snapshot carries, in canonical order (image, text when the
 * snapshot does not say).
 */
export function snapshotModalities(s: Snapshot): Modality[] {
  const listed = (s.metrics.modalities ?? []).filter((m) => modalityCodes(s, m) !== undefined);
  return listed.length >= 2 ? listed : ['image', 'text'];
}

/** Modality m's [n, dim] codes, or undefined when the snapshot has none. */
export function modalityCodes(s: Snapshot, m: Modality): Float32Array | undefined {
  const block = (s as WithCodes).codes?.[m];
  if (block) return block;
  if (m === 'image') return s.image.length > 0 ? s.image : undefined;
  if (m === 'text') return s.text.length > 0 ? s.text : undefined;
  return undefined;
}

/** Items in the evaluation set. */
export function snapshotSize(s: Snapshot): number {
  const first = modalityCodes(s, snapshotModalities(s)[0]);
  return first && s.dim > 0 ? first.length / s.dim : 0;
}

/** The codes of `modalities` stacked block after block: [m·n, dim], the projection's input. */
export function stackModalities(s: Snapshot, modalities: readonly Modality[]): Float32Array {
  const blocks = modalities.map((m) => {
    const b = modalityCodes(s, m);
    if (!b) throw new Error(`The snapshot has no ${MODALITY_NOUN[m].one} codes.`);
    return b;
  });
  const out = new Float32Array(blocks.reduce((a, b) => a + b.length, 0));
  let at = 0;
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

/** "image ↔ sound" for a pair key. */
export function pairName(key: PairKey): string {
  const [a, b] = key.split('-') as [Modality, Modality];
  return `${MODALITY_NOUN[a].one} ↔ ${MODALITY_NOUN[b].one}`;
}

/** A pair's measured gap (the image–text fields when the snapshot has no per-pair metrics). */
export function pairGap(s: Snapshot, key: PairKey): number {
  const pair = s.metrics.pairs?.[key];
  if (pair) return pair.gap;
  return key === 'image-text' ? s.metrics.gap : NaN;
}

/** Each pair's gap-arrow label, in the order of modalityPairs: "image ↔ sound gap 0.71". */
export function pairGapLabels(s: Snapshot, modalities: readonly Modality[]): string[] {
  return modalityPairs(modalities).map((key) => `${pairName(key)} gap ${formatMetric(pairGap(s, key))}`);
}
