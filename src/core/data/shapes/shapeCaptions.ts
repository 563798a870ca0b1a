/**
 * ShapeCaptions: the built-in procedural image-caption dataset. Each 32x32 image shows one shape with
 * four attributes (shape, colour, size, 3x3 grid position) and comes with several captions naming all
 * four in varied words. Deterministic from a seed, with no assets, in Node and in the browser alike.
 *
 * Some colour x shape combinations are held out of training (see split.ts); the eval set mixes seen
 * combinations with held-out ones and flags the latter in `heldOut`.
 */
import { createRng } from '../../random/rng';
import type { Rng } from '../../random/rng';
import { AUDIO_LENGTH, IMAGE_LENGTH } from '../pairs';
import type { PairDataset, PairSet } from '../pairs';
import { COLOURS, POSITIONS, SHAPES, SHAPE_CAPTIONS_SCHEMA, SIZES, attributeKey } from './attributes';
import type { AttributeName, ShapeAttributes } from './attributes';
import { makeCaptions } from './captions';
import { drawingFor, renderImage } from './render';
import { heldOutCombos, heldOutMask, isHeldOut } from './split';
import { SOUND_ATTRIBUTES, shapeCaptionsWave } from '../../audio/shapeSound';
import { logMelSpectrogram } from '../../audio/logMel';
import type { HeldOutCombo } from './split';

/** What every sound carries once some are pitchless: colour is no longer certain. */
const PITCHLESS_SOUND_ATTRIBUTES: readonly AttributeName[] = ['shape', 'size'];

export interface ShapeCaptionsOptions {
  /** Seeds everything: the held-out combinations, attributes, jitter, noise and captions. */
  seed: number;
  /**
   * Training pairs, all from seen combinations. Integer in [1, 100000]; default 2000 (25 MB of pixels,
   * 12 KB per image: the upper bound is 1.2 GB, for the CLI rather than a browser tab).
   */
  trainSize?: number;
  /** Eval pairs, seen and held-out mixed. Integer in [1, 100000]; default 512. */
  evalSize?: number;
  /** Fraction of eval pairs drawn from held-out combinations, in [0, 1]; default 0.25. */
  heldOutFraction?: number;
  /** Standard deviation of the per-value Gaussian pixel noise, in [0, 0.5]; default 0.02. */
  noise?: number;
  /** Captions per pair, distinct where possible. Integer in [1, 32]; default 4. */
  captionsPerImage?: number;
  /** Share of captions that leave one attribute out (default 0: every caption says everything). */
  captionOmit?: number;
  /**
   * Fill each set's `audio` with the log-mel features of every scene's sound (default false: it costs
   * about 0.6 ms of CPU a scene, four times the pictures, 1.5 s for the default 2,512 measured on a busy
   * 2-core machine, so only runs that learn from sound ask for it; they do it in the worker). Every scene has
   * its sound either way: item i's depends only on the seed, its split, i and its attributes (see
   * audio/shapeSound.ts), so it can be rebuilt for playback, and this option changes nothing else.
   */
  audio?: boolean;
  /**
   * Complementary modalities. Alone, each of image, caption and sound can name every attribute it carries,
   * and the picture carries all four, so image + any other modality already knows everything and a third
   * adds nothing. These two options (with `captionOmit`) take one attribute from each modality so that
   * every PAIR misses something only the third has:
   *   - `greyscale`: the picture lacks colour (caption and, when pitched, sound carry it);
   *   - `pitchless`: a share of sounds lack colour (one steady pitch; see audio/shapeSound.ts), and no
   *     sound ever carries position;
   *   - `captionOmit`: a share of captions leave one attribute out (colour or position among them).
   * Then image + sound miss colour on pitchless items (the caption has it), image + caption miss colour
   * where the caption leaves it out (a pitched sound has it), caption + sound miss position where the
   * caption leaves it out (the picture has it); all three miss colour only where both caption and sound do.
   *
   * greyscale: draw every shape in one grey (GREY_LEVEL) whatever its colour, with R = G = B in every pixel
   * (noise included), so the pixels do not depend on colour at all. Default false.
   */
  greyscale?: boolean;
  /**
   * Share in [0, 1] of sounds played at one steady pitch whatever their colour (default 0). Which items is
   * fixed by the seed (`isPitchless`). With any pitchless sounds the sound no longer reliably carries colour,
   * so `soundAttributes` (the retrieval hit rule) drops it.
   */
  pitchless?: number;
}

/** A PairDataset that also says which colour x shape combinations were held out of training. */
export interface ShapeCaptionsDataset extends PairDataset {
  readonly heldOutCombos: readonly HeldOutCombo[];
}

const MAX_SIZE = 100_000;
/** The background is a near-black grey, its level drawn per image so it is not a constant to latch onto. */
const BACKGROUND_RANGE = [0.06, 0.1] as const;
/** The one level every shape of a greyscale picture is drawn in, whatever its colour. */
export const GREY_LEVEL = 0.7;

/** Sets R, G and B of every pixel of the image at `offset` to their mean, so no colour is left. */
function toGreyscale(images: Float32Array, offset: number): void {
  for (let p = offset; p < offset + IMAGE_LENGTH; p += 3) {
    const grey = (images[p] + images[p + 1] + images[p + 2]) / 3;
    images[p] = grey;
    images[p + 1] = grey;
    images[p + 2] = grey;
  }
}

function checkInteger(name: string, value: number, lo: number, hi: number): void {
  if (!Number.isInteger(value) || value < lo || value > hi) {
    throw new Error(`generateShapeCaptions: ${name} must be an integer in [${lo}, ${hi}], got ${value}`);
  }
}

function checkNumber(name: string, value: number, lo: number, hi: number): void {
  if (!Number.isFinite(value) || value < lo || value > hi) {
    throw new Error(`generateShapeCaptions: ${name} must be a number in [${lo}, ${hi}], got ${value}`);
  }
}

/** Uniform attributes, redrawn until the colour x shape combination is not held out (5/6 accepted). */
function sampleSeen(rng: Rng, mask: Uint8Array): ShapeAttributes {
  for (;;) {
    const a: ShapeAttributes = {
      shape: rng.int(SHAPES.length),
      colour: rng.int(COLOURS.length),
      size: rng.int(SIZES.length),
      position: rng.int(POSITIONS.length),
    };
    if (!isHeldOut(mask, a.colour, a.shape)) return a;
  }
}

/** A uniformly chosen held-out combination with uniform size and position. */
function sampleHeldOut(rng: Rng, combos: readonly HeldOutCombo[]): ShapeAttributes {
  const [colour, shape] = rng.pick(combos);
  return { shape, colour, size: rng.int(SIZES.length), position: rng.int(POSITIONS.length) };
}

/**
 * Renders and captions a list of items. Attributes, pixels and captions each use their own fork of `rng`,
 * so changing `noise` or `captionsPerImage` leaves the shapes where they were.
 */
function buildSet(
  items: readonly ShapeAttributes[],
  flags: Uint8Array,
  rng: Rng,
  noise: number,
  captionsPerImage: number,
  captionOmit: number,
  greyscale: boolean,
  sound: { seed: number; split: 'train' | 'eval'; pitchless: number } | null,
): PairSet {
  const drawRng = rng.fork();
  const noiseRng = rng.fork();
  const captionRng = rng.fork();
  // Forked last and only when used, so data without omissions is the same as before the option existed.
  const omit = captionOmit > 0 ? { rate: captionOmit, rng: rng.fork() } : undefined;
  const n = items.length;
  const images = new Float32Array(n * IMAGE_LENGTH);
  const attributes = new Int32Array(n * 4);
  const captions: string[][] = [];
  const keys: string[] = [];
  const audio = sound ? new Float32Array(n * AUDIO_LENGTH) : undefined;
  items.forEach((a, i) => {
    const background = drawRng.uniform(BACKGROUND_RANGE[0], BACKGROUND_RANGE[1]);
    const drawing = drawingFor(a, drawRng);
    if (greyscale) drawing.rgb = [GREY_LEVEL, GREY_LEVEL, GREY_LEVEL];
    renderImage(images, i * IMAGE_LENGTH, drawing, background, noise, noiseRng);
    if (greyscale) toGreyscale(images, i * IMAGE_LENGTH);
    attributes.set([a.shape, a.colour, a.size, a.position], i * 4);
    captions.push(makeCaptions(a, captionsPerImage, captionRng, omit));
    keys.push(attributeKey(a));
    if (audio && sound) {
      const wave = shapeCaptionsWave(sound.seed, sound.split, i, a, sound.pitchless);
      logMelSpectrogram(wave, audio, i * AUDIO_LENGTH);
    }
  });
  return { size: n, images, captions, keys, attributes, heldOut: flags, ...(audio ? { audio } : {}) };
}

/**
 * Generates ShapeCaptions. Train never contains a held-out colour x shape combination; eval contains
 * round(evalSize * heldOutFraction) held-out items at random places among seen ones. Train and eval come
 * from separate forks of the seed's generator, so the eval set does not change with `trainSize`.
 * Throws an Error naming the option when one is out of range.
 */
export function generateShapeCaptions(options: ShapeCaptionsOptions): ShapeCaptionsDataset {
  const {
    seed,
    trainSize = 2000,
    evalSize = 512,
    heldOutFraction = 0.25,
    noise = 0.02,
    captionsPerImage = 4,
    captionOmit = 0,
    audio = false,
    greyscale = false,
    pitchless = 0,
  } = options;
  if (!Number.isSafeInteger(seed)) {
    throw new Error(`generateShapeCaptions: seed must be a safe integer, got ${seed}`);
  }
  checkInteger('trainSize', trainSize, 1, MAX_SIZE);
  checkInteger('evalSize', evalSize, 1, MAX_SIZE);
  checkNumber('heldOutFraction', heldOutFraction, 0, 1);
  checkNumber('noise', noise, 0, 0.5);
  checkInteger('captionsPerImage', captionsPerImage, 1, 32);
  checkNumber('captionOmit', captionOmit, 0, 1);
  checkNumber('pitchless', pitchless, 0, 1);

  // Forked in a fixed order before any sizes are used, so each stream depends on the seed alone.
  const root = createRng(seed);
  const splitRng = root.fork();
  const trainRng = root.fork();
  const evalRng = root.fork();

  const combos = heldOutCombos(splitRng);
  const mask = heldOutMask(combos);

  const trainAttrRng = trainRng.fork();
  const trainItems = Array.from({ length: trainSize }, () => sampleSeen(trainAttrRng, mask));
  const train = buildSet(
    trainItems,
    new Uint8Array(trainSize),
    trainRng,
    noise,
    captionsPerImage,
    captionOmit,
    greyscale,
    audio ? { seed, split: 'train', pitchless } : null,
  );

  const evalAttrRng = evalRng.fork();
  const heldOutCount = Math.round(evalSize * heldOutFraction);
  const order = evalAttrRng.shuffle(Array.from({ length: evalSize }, (_, i) => (i < heldOutCount ? 1 : 0)));
  const evalFlags = Uint8Array.from(order);
  const evalItems = order.map((held) =>
    held === 1 ? sampleHeldOut(evalAttrRng, combos) : sampleSeen(evalAttrRng, mask),
  );
  const evalSet = buildSet(
    evalItems,
    evalFlags,
    evalRng,
    noise,
    captionsPerImage,
    captionOmit,
    greyscale,
    audio ? { seed, split: 'eval', pitchless } : null,
  );

  return {
    name: 'ShapeCaptions',
    train,
    eval: evalSet,
    schema: SHAPE_CAPTIONS_SCHEMA,
    heldOutCombos: combos,
    ...(audio ? { soundAttributes: pitchless > 0 ? PITCHLESS_SOUND_ATTRIBUTES : SOUND_ATTRIBUTES } : {}),
  };
}
