import type { Snapshot } from '../../training/protocol';

/**
 * Which two sets of codes the shared-space scatter compares. A joint model has three per pair: the image
 * alone, the caption alone (fused with the other modality absent) and the full pair fused.
 */
export type CodePair = 'image-text' | 'image-fused' | 'text-fused';

export const CODE_PAIRS: Record<CodePair, { label: string; groups: [string, string]; pairLabel: string }> = {
  'image-text': {
    label: 'image only ↔ caption only',
    groups: ['Images', 'Captions'],
    pairLabel: 'image–caption pair',
  },
  'image-fused': {
    label: 'image only ↔ full pair',
    groups: ['Image only', 'Full pair (fused)'],
    pairLabel: 'same pair',
  },
  'text-fused': {
    label: 'caption only ↔ full pair',
    groups: ['Caption only', 'Full pair (fused)'],
    pairLabel: 'same pair',
  },
};

/** The [2n, d] rows the scatter projects for the chosen comparison: the first block, then the second. */
export function codeRows(s: Snapshot, which: CodePair): Float32Array {
  const [first, second] =
    which === 'image-fused' && s.fused
      ? [s.image, s.fused]
      : which === 'text-fused' && s.fused
        ? [s.text, s.fused]
        : [s.image, s.text];
  const rows = new Float32Array(first.length + second.length);
  rows.set(first, 0);
  rows.set(second, first.length);
  return rows;
}
