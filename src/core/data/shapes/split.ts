/**
 * The compositional held-out split: some colour x shape combinations never appear in training, so the
 * eval set can ask whether a model composes 'purple' and 'star' it has only seen apart (as in CLEVR's
 * CoGenT split). Every colour and every shape is held out at least once, so no attribute value is
 * favoured by the split.
 */
import type { Rng } from '../../random/rng';
import { COLOURS, SHAPES } from './attributes';

/** A held-out combination: [colour index, shape index]. */
export type HeldOutCombo = [colour: number, shape: number];

/**
 * One combination per colour (8 of the 48): colour i is paired with shape perm[i mod 6], where perm is a
 * seeded permutation of the shapes. The permutation covers every shape once in the first six colours,
 * and the last two colours reuse two of them; colours are all different so the combos are distinct.
 */
export function heldOutCombos(rng: Rng): HeldOutCombo[] {
  const perm = rng.shuffle(SHAPES.map((_, s) => s));
  return COLOURS.map((_, c) => [c, perm[c % perm.length]]);
}

/**
 * A lookup table for `isHeldOut`: mask[colour * SHAPES.length + shape] is 1 when held out.
 * Built once per dataset so the per-item check is an array read.
 */
export function heldOutMask(combos: readonly HeldOutCombo[]): Uint8Array {
  const mask = new Uint8Array(COLOURS.length * SHAPES.length);
  for (const [colour, shape] of combos) mask[colour * SHAPES.length + shape] = 1;
  return mask;
}

/** True when the colour x shape combination is held out under `mask` (from `heldOutMask`). */
export function isHeldOut(mask: Uint8Array, colour: number, shape: number): boolean {
  return mask[colour * SHAPES.length + shape] === 1;
}
