/**
 * Deterministic oscillators: single-cycle wavetables built from a sine computed by a polynomial, and a
 * table lookup with linear interpolation.
 *
 * Why not Math.sin: ECMAScript leaves its precision to the engine, so two browsers (or a browser and
 * Node) may differ in the last bit, and a generated sound would not be the same bytes everywhere. The
 * operations used here are +, -, *, / and Math.floor on float64, which IEEE 754 fixes exactly, so every
 * engine computes the same doubles; Float32Array stores round them to float32 the same way too.
 */

/** Samples per wavetable cycle. A power of two, so i / TABLE_SIZE is exact. */
export const TABLE_SIZE = 4096;

/**
 * sin(r * pi / 2) for r in [0, 1], by its Taylor series to the y^21 term (y = r * pi / 2 <= 1.571): the
 * first omitted term is below 2e-18, under float64 rounding at 1.
 */
function quarterSine(r: number): number {
  const y = (r * Math.PI) / 2;
  const y2 = y * y;
  // Horner form of y - y^3/3! + y^5/5! - ... + y^21/21!, innermost term first.
  let acc = 0;
  for (let k = 21; k >= 3; k -= 2) acc = (acc + (k % 4 === 1 ? 1 : -1)) * (y2 / (k * (k - 1)));
  return y * (1 + acc);
}

/** sin(2 pi u) for u in [0, 1), from the quarter wave by symmetry. */
export function cycleSine(u: number): number {
  const q = u * 4;
  const quadrant = Math.floor(q);
  const r = q - quadrant;
  switch (quadrant) {
    case 0:
      return quarterSine(r);
    case 1:
      return quarterSine(1 - r);
    case 2:
      return -quarterSine(r);
    default:
      return -quarterSine(1 - r);
  }
}

/** One cycle of sin: SINE[i] = sin(2 pi i / TABLE_SIZE). */
const SINE: Float64Array = (() => {
  const t = new Float64Array(TABLE_SIZE);
  for (let i = 0; i < TABLE_SIZE; i++) t[i] = cycleSine(i / TABLE_SIZE);
  return t;
})();

/**
 * One cycle of the sum over h of amplitudes[h - 1] * sin(2 pi h x), scaled so its largest magnitude is 1.
 * Harmonic h reads the sine table at h * i (mod size): exact indices, so no rounding enters.
 */
export function harmonicTable(amplitudes: readonly number[]): Float64Array {
  const t = new Float64Array(TABLE_SIZE);
  amplitudes.forEach((a, k) => {
    if (a === 0) return;
    const h = k + 1;
    for (let i = 0; i < TABLE_SIZE; i++) t[i] += a * SINE[(h * i) % TABLE_SIZE];
  });
  let peak = 0;
  for (let i = 0; i < TABLE_SIZE; i++) peak = Math.max(peak, Math.abs(t[i]));
  if (peak > 0) for (let i = 0; i < TABLE_SIZE; i++) t[i] /= peak;
  return t;
}

/** The table's value at phase in [0, 1) (fraction of a cycle), linearly interpolated. */
export function lookup(table: Float64Array, phase: number): number {
  const x = phase * TABLE_SIZE;
  const i = Math.floor(x);
  const frac = x - i;
  const a = table[i];
  const b = table[i + 1 === TABLE_SIZE ? 0 : i + 1];
  return a + (b - a) * frac;
}

/** The pure sine table, for modulators (e.g. tremolo). */
export const SINE_TABLE: Float64Array = SINE;
