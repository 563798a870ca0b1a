/**
 * Seeded randomness. Every random choice in the project goes through an `Rng` made by `createRng(seed)`,
 * so the same seed gives the same dataset, weights and batches in Node, in a worker and in the page.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128 bits of state,
 * pure 32-bit integer arithmetic (bit-identical on every JS engine), and it passes PractRand.
 */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal sample (Box–Muller). */
  normal(): number;
  /** Uniform float in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** A random element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** Fisher–Yates shuffle in place (arrays and typed arrays); returns the same object. */
  shuffle<A extends { length: number; [index: number]: unknown }>(items: A): A;
  /** An independent generator derived from this one's stream, e.g. one per purpose (data, weights, batches). */
  fork(): Rng;
  /** A 32-bit unsigned integer, for seeding libraries that want one. */
  uint32(): number;
  /** Where the stream is now: a generator restored from it draws exactly what this one draws next. */
  save(): RngState;
}

/** sfc32's four state words and the spare normal sample Box–Muller keeps (null when none). */
export type RngState = readonly [number, number, number, number, number | null];

/** Mixes a seed of any size into 32 bits (splitmix32), so nearby seeds give unrelated streams. */
function mix(seed: number): number {
  let z = (seed + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new Error(`createRng: seed must be a finite number, got ${seed}`);
  const s = Math.floor(seed);
  const rng = sfc32([mix(s), mix(s ^ 0x5bd1e995), mix(s + 0x27d4eb2d), 1, null]);
  // Discard the first outputs: sfc32 needs a few rounds to decorrelate from its seed.
  for (let i = 0; i < 12; i++) rng.uint32();
  return rng;
}

/** A generator that goes on from `state` (taken by Rng.save), e.g. a training run continued after a reload. */
export function restoreRng(state: RngState): Rng {
  const [a, b, c, d, spare] = state;
  if (![a, b, c, d].every((w) => Number.isInteger(w)) || !(spare === null || Number.isFinite(spare)))
    throw new Error('restoreRng: not a saved generator state');
  return sfc32(state);
}

function sfc32(state: RngState): Rng {
  let [a, b, c, d, spareNormal] = state;
  const uint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  const next = (): number => uint32() / 4294967296;
  const rng: Rng = {
    next,
    uint32,
    int: (n) => Math.floor(next() * n),
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    normal: () => {
      if (spareNormal !== null) {
        const v = spareNormal;
        spareNormal = null;
        return v;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spareNormal = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    pick: (items) => {
      if (items.length === 0) throw new Error('Rng.pick: empty array');
      return items[Math.floor(next() * items.length)];
    },
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = items[i];
        items[i] = items[j];
        items[j] = tmp;
      }
      return items;
    },
    fork: () => createRng(uint32()),
    save: () => [a, b, c, d, spareNormal],
  };
  return rng;
}
