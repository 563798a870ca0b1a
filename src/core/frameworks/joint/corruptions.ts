import { createRng } from '../../random/rng';
import type { EncodedPairSet } from '../../data/batch';
import { IMAGE_LENGTH } from '../../data/pairs';
import type { Corruption } from './chunks';

/**
 * Random draws for corrupting a set, made once per set from a fixed seed so that every evaluation of a
 * run (and every level of a curve) corrupts the same pixels and the same words: a curve moves because
 * the model changed, not the dice. Levels nest: the words dropped at rate 0.25 are also dropped at 0.5.
 */
export interface CorruptionDraws {
  /** Standard-normal values, one per pixel value of the set: [n · 3072]. */
  readonly pixels: Float32Array;
  /** One uniform value in [0, 1) per word of caption 0 of each pair. */
  readonly words: readonly Float32Array[];
}

export function drawCorruptions(data: EncodedPairSet, seed: number): CorruptionDraws {
  const rng = createRng(seed);
  const pixels = new Float32Array(data.set.size * IMAGE_LENGTH);
  for (let i = 0; i < pixels.length; i++) pixels[i] = rng.normal();
  const words = data.captionIds.map((caps) => Float32Array.from(caps[0] ?? [], () => rng.next()));
  return { pixels, words };
}

/** Gaussian noise of standard deviation `std` on every pixel value, clamped to [0, 1] (it stays an image). */
export function pixelNoise(draws: CorruptionDraws, std: number): Corruption {
  return (host, start) => {
    const images = new Float32Array(host.images.length);
    const offset = start * IMAGE_LENGTH;
    for (let p = 0; p < images.length; p++) {
      const v = host.images[p] + std * draws.pixels[offset + p];
      images[p] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
    return { ...host, images };
  };
}

/**
 * Each word of the caption dropped with probability `rate` (a caption left empty reads as one unknown
 * word): a caption that says less, where the image has to fill in.
 */
export function wordDropout(draws: CorruptionDraws, rate: number): Corruption {
  return (host, start) => ({
    ...host,
    captionIds: host.captionIds.map((ids, r) => {
      const u = draws.words[start + r];
      return ids.filter((_, w) => u[w] >= rate);
    }),
  });
}
