import { IMAGE_LENGTH, copyImageFloats, type AttributeSchema } from '../../data/pairs';
import { ATTRIBUTE_NAMES } from '../../data/shapes/attributes';
import { parseCaption } from '../../data/shapes/captions';
import { unknownWords } from '../../text/vocabulary';
import type { CaptionDecoding, EncDecDirection } from '../../experiment/encdecParams';
import type { InspectContext, Inspection } from '../framework';
import { toImageBytes } from '../inspection';
import { captionImages, drawCaptions, type GeneratedCaption, type GenerationContext } from './generate';

/** One attribute of a generated caption beside the truth (`said` is null when the caption never names it). */
export interface SaidAttribute {
  name: string;
  truth: string;
  said: string | null;
}

/** What the encoder-decoder makes of one evaluation pair. */
export interface EncDecPairInspection {
  index: number;
  /** Every reference caption of the pair (the first is the one it is evaluated and drawn with). */
  references: string[];
  heldOut: boolean;
  /** The caption written for the pair's image; null without a caption decoder (direction t2i). */
  caption: Omit<GeneratedCaption, 'tokens'> | null;
  /** The caption's attributes read back with the dataset's grammar; null for data without it. */
  attributes: SaidAttribute[] | null;
  /** The image drawn from the first reference: [32, 32, 3] RGB bytes; null without an image decoder (i2t). */
  drawn: Uint8Array | null;
}

/** The image drawn for a caption a user typed, with the words the model does not know. */
export interface TypedCaptionInspection {
  text: string;
  /** [32, 32, 3] RGB bytes; null without an image decoder. */
  image: Uint8Array | null;
  /** Words outside the vocabulary: the text encoder reads each as <unk>. */
  unknownWords: string[];
}

/** The encoder-decoder's inspection (see FrameworkModel.inspect). */
export interface EncDecInspection extends Inspection {
  kind: 'encdec';
  direction: EncDecDirection;
  /** How the captions were decoded (the experiment's setting). */
  decoding: CaptionDecoding;
  pairs: EncDecPairInspection[];
  captions: TypedCaptionInspection[];
}

/**
 * Generations on the current weights: the caption of each requested evaluation image (decoded as the
 * experiment says: beam, greedy or sampled from a fixed seed) and the image drawn from its reference
 * caption, plus the image of every typed caption. Indices outside the evaluation set are skipped.
 */
export async function inspectEncDec(
  generation: GenerationContext,
  direction: EncDecDirection,
  ctx: InspectContext,
): Promise<EncDecInspection> {
  const set = ctx.evalData.set;
  const indices = ctx.pairs.filter((i) => Number.isInteger(i) && i >= 0 && i < set.size);
  const typed = ctx.captions ?? [];
  const { captioner, painter } = generation.network;

  const images = new Float32Array(indices.length * IMAGE_LENGTH);
  indices.forEach((i, r) => copyImageFloats(set.images, i, images, r * IMAGE_LENGTH));
  const written = captioner && indices.length > 0 ? await captionImages(generation, images) : null;
  const references = indices.map((i) => [...(set.captions[i] ?? [])]);
  const toDraw = [...references.map((refs) => refs[0] ?? ''), ...typed];
  const drawn = painter && toDraw.length > 0 ? await drawCaptions(generation, toDraw) : null;
  const drawnAt = (r: number) =>
    drawn ? toImageBytes(drawn.subarray(r * IMAGE_LENGTH, (r + 1) * IMAGE_LENGTH)) : null;

  return {
    kind: 'encdec',
    direction,
    decoding: generation.defaults.strategy,
    pairs: indices.map((index, r) => {
      const c = written?.[r];
      return {
        index,
        references: references[r],
        heldOut: set.heldOut?.[index] === 1,
        caption: c
          ? {
              text: c.text,
              logProb: c.logProb,
              finished: c.finished,
              ...(c.alternatives ? { alternatives: c.alternatives } : {}),
            }
          : null,
        attributes: c ? saidAttributes(c.text, ctx.schema, set.attributes, index) : null,
        drawn: drawnAt(r),
      };
    }),
    captions: typed.map((text, t) => ({
      text,
      image: drawnAt(indices.length + t),
      unknownWords: unknownWords(generation.vocab, text),
    })),
  };
}

/**
 * The attributes a caption names, read with the shapes grammar, beside pair `index`'s true values.
 * Null for data whose attributes are not the shapes' (no grammar to read them with).
 */
export function saidAttributes(
  text: string,
  schema: AttributeSchema | undefined,
  truth: Int32Array | undefined,
  index: number,
): SaidAttribute[] | null {
  if (!schema || !truth || schema.names.join() !== ATTRIBUTE_NAMES.join()) return null;
  const parsed = parseCaption(text);
  const A = ATTRIBUTE_NAMES.length;
  return ATTRIBUTE_NAMES.map((name, a) => {
    const said = parsed[name];
    return {
      name,
      truth: schema.values[a]?.[truth[index * A + a]] ?? '?',
      said: said === undefined ? null : (schema.values[a]?.[said] ?? '?'),
    };
  });
}
