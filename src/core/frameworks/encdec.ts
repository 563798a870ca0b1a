import type { FrameworkDefinition, FrameworkModel } from './framework';
import { imageEncoderUnsupported } from '../models/imageEncoders';
import { IMAGE_LENGTH, type AttributeSchema } from '../data/pairs';
import type { EncDecDirection } from '../experiment/encdecParams';
import type { ExperimentConfig } from '../experiment/config';
import { modalitiesOf } from '../data/modalities';
import { createEncDecNetwork } from './encdec/network';
import {
  captionImages,
  drawCaptions,
  type CaptionOptions,
  type GeneratedCaption,
  type GenerationContext,
} from './encdec/generate';
import { evaluateEncDec } from './encdec/evaluate';
import { trainAttributeJudge, type AttributeJudge } from './encdec/attributeJudge';
import { inspectEncDec } from './encdec/inspect';

/**
 * An encoder-decoder model, with what the app's views call to show its generations. Plain arrays in
 * and out; every call is asynchronous because it reads tensors back.
 */
export interface EncDecModel extends FrameworkModel {
  readonly direction: EncDecDirection;
  /** True when it has a caption decoder (direction i2t or both). */
  readonly canCaption: boolean;
  /** True when it has an image decoder (direction t2i or both). */
  readonly canDraw: boolean;
  /** Captions for images ([n, 32, 32, 3] in [0, 1]); decoding settings default to the experiment's. */
  generateCaptions(images: Float32Array, options?: CaptionOptions): Promise<GeneratedCaption[]>;
  /** The caption of one image ([32, 32, 3] in [0, 1]). */
  generateCaption(image: Float32Array, options?: CaptionOptions): Promise<string>;
  /** Images for captions: [n, 32, 32, 3] in [0, 1]. Unknown words are read as <unk>. */
  generateImages(captions: readonly string[]): Promise<Float32Array>;
  /** The image drawn for one caption: [32, 32, 3] in [0, 1]. */
  generateImage(caption: string): Promise<Float32Array>;
}

/** Whether a trainer's model is an encoder-decoder, so a view can offer generation. */
export function isEncDecModel(model: FrameworkModel): model is EncDecModel {
  return 'generateCaptions' in model && 'generateImages' in model;
}

/**
 * The survey's third framework, encoder-decoder: one modality is encoded to a latent v and the other
 * generated from it, learning θ to maximise log p(S | V; θ). Image to caption is a GRU language model
 * started from the image latent (Show and Tell); caption to image is a small generator from the
 * caption latent (up-convolutions, or one dense layer). A semantic-consistency term (weight λ, 0 turns
 * it off) pulls the two latents of a pair together, so the encoders agree on one space: `embed`
 * returns both latents, so the gap metrics show the difference the term makes. The term also speeds
 * up both generators: a latent organised by meaning is easier to decode.
 *
 * Its evaluation (key `encdec`) measures the generations: perplexity, BLEU-1..4, attributes read from
 * generated captions, and attributes an independent judge (an attribute classifier trained on real
 * images once, on first evaluation, and cached) sees in generated images, on seen and held-out combinations.
 */
export const encdec: FrameworkDefinition = {
  name: 'encdec',
  title: 'Encoder-decoder (captioning and text-to-image)',
  // The GRU, the one-hot embeddings and both image decoders (convolutions as im2col, upsampling by
  // depth to space) are matMul, slice, reshape and elementwise ops: every backend trains them.
  unsupported: (config, backend) =>
    encdecModalitiesUnsupported(config) ?? imageEncoderUnsupported(config.imageEncoder, backend),
  build({ config, vocab, seqLength, rng }): EncDecModel {
    const network = createEncDecNetwork(config, vocab.words.length, rng);
    const generation: GenerationContext = {
      network,
      vocab,
      seqLength,
      defaults: {
        strategy: config.decoding,
        beamWidth: config.beamWidth,
        lengthPenalty: config.lengthPenalty,
        temperature: config.samplingTemperature,
      },
    };
    let judge: Promise<AttributeJudge> | null = null;
    let disposed = false;

    return {
      params: network.params,
      direction: config.direction,
      canCaption: network.captioner !== null,
      canDraw: network.painter !== null,
      loss: (batch) => network.loss(batch),
      embed: (batch) => ({
        image: network.imageLatent(batch),
        text: network.textLatent(batch),
        ...(network.audioLatent ? { audio: network.audioLatent(batch) } : {}),
      }),
      async evaluate(ctx) {
        const getJudge = (schema: AttributeSchema): Promise<AttributeJudge> => {
          judge ??= trainAttributeJudge(ctx.trainData.set, schema, { seed: config.seed });
          return judge;
        };
        return {
          framework: 'encdec',
          encdec: await evaluateEncDec({ generation, direction: config.direction, judge: getJudge }, ctx),
        };
      },
      inspect: (ctx) => inspectEncDec(generation, config.direction, ctx),
      generateCaptions: (images, options) => captionImages(generation, images, options),
      async generateCaption(image, options) {
        const [caption] = await captionImages(generation, image.subarray(0, IMAGE_LENGTH), options);
        return caption?.text ?? '';
      },
      generateImages: (captions) => drawCaptions(generation, captions),
      generateImage: (caption) => drawCaptions(generation, [caption]),
      dispose() {
        if (disposed) return;
        disposed = true;
        network.params.dispose();
        // A judge still training is disposed when it is ready; a failed one has nothing to free.
        void judge?.then(
          (j) => j.dispose(),
          () => undefined,
        );
      },
    };
  },
};

/**
 * Why the encoder–decoder cannot train these modalities, or null. Captions are what it writes (from the
 * image, the sound, or both), so text must be among them; drawing (t2i, both) needs the image.
 */
export function encdecModalitiesUnsupported(config: ExperimentConfig): string | null {
  const list = modalitiesOf(config.modalities);
  if (!list.includes('text'))
    return `The encoder–decoder writes captions, so its modalities need text (image,text,audio or text,audio; not ${config.modalities}).`;
  if (!list.includes('image') && config.direction !== 'i2t')
    return 'Without pictures there is nothing to draw: with text,audio choose the direction sound → caption (i2t).';
  return null;
}
