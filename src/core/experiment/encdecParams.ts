import type { EnumSpec, IntSpec, NumberSpec } from './paramSpec';

/** Losses of the encoder-decoder framework: maximum likelihood of the target given the source. */
export const ENCDEC_LOSSES = ['mle'] as const;

/** Which modality is generated from which: image to caption, caption to image, or both at once. */
export const ENCDEC_DIRECTIONS = ['i2t', 't2i', 'both'] as const;
export type EncDecDirection = (typeof ENCDEC_DIRECTIONS)[number];

/** How to pull the image and caption latents of a pair together. */
export const CONSISTENCY_LOSSES = ['infonce', 'mse'] as const;
export type ConsistencyLoss = (typeof CONSISTENCY_LOSSES)[number];

/** Architectures of the caption-to-image decoder (see frameworks/encdec/imageDecoder.ts). */
export const IMAGE_DECODERS = ['upconv', 'dense'] as const;
export type ImageDecoderName = (typeof IMAGE_DECODERS)[number];

/** How captions are decoded for the metrics and the samples. */
export const CAPTION_DECODINGS = ['beam', 'greedy', 'sample'] as const;
export type CaptionDecoding = (typeof CAPTION_DECODINGS)[number];

const ENCDEC_ONLY = { framework: ['encdec'] } as const;

/** Settings of the encoder-decoder framework (one modality to a latent v, the other generated from v). */
export const ENCDEC_PARAMS = {
  direction: {
    kind: 'enum',
    appliesTo: ENCDEC_ONLY,
    group: 'model',
    default: 'i2t',
    options: ENCDEC_DIRECTIONS,
    optionLabels: { i2t: 'image → caption', t2i: 'caption → image', both: 'both directions' },
    label: 'Direction',
    help: 'i2t: caption an image; t2i: draw a caption; both: the two at once (about 1.8× the time of i2t).',
  } satisfies EnumSpec<EncDecDirection>,
  consistencyWeight: {
    kind: 'number',
    appliesTo: ENCDEC_ONLY,
    group: 'objective',
    default: 0.5,
    min: 0,
    max: 10,
    label: 'Consistency weight',
    help: 'Weight of the term that pulls the image latent and the caption latent of a pair together; 0 turns it off.',
  } satisfies NumberSpec,
  consistency: {
    kind: 'enum',
    appliesTo: ENCDEC_ONLY,
    group: 'objective',
    default: 'infonce',
    options: CONSISTENCY_LOSSES,
    optionLabels: { infonce: 'InfoNCE (pick the partner)', mse: 'squared distance' },
    label: 'Consistency loss',
    help: 'infonce: each latent must pick its partner out of the batch; mse: squared distance between the two unit latents.',
  } satisfies EnumSpec<ConsistencyLoss>,
  decoderHidden: {
    kind: 'int',
    appliesTo: ENCDEC_ONLY,
    group: 'model',
    default: 128,
    min: 8,
    max: 1024,
    label: 'Decoder hidden units',
    help: 'Width of the caption decoder’s recurrent state and of the image decoder’s hidden layer.',
  } satisfies IntSpec,
  imageDecoder: {
    kind: 'enum',
    appliesTo: { framework: ['encdec'], direction: ['t2i', 'both'] },
    group: 'model',
    default: 'upconv',
    options: IMAGE_DECODERS,
    optionLabels: { upconv: 'upsampling convolutions', dense: 'dense (one hidden layer)' },
    label: 'Image decoder',
    help: 'upconv: a dense seed upsampled by shared 3×3 convolutions; dense: every pixel from one hidden layer.',
  } satisfies EnumSpec<ImageDecoderName>,
  decoding: {
    kind: 'enum',
    appliesTo: { framework: ['encdec'], direction: ['i2t', 'both'] },
    group: 'model',
    default: 'beam',
    options: CAPTION_DECODINGS,
    optionLabels: { beam: 'beam search', greedy: 'greedy', sample: 'sampling' },
    label: 'Caption decoding',
    help: 'beam: keep several candidate sentences; greedy: the likeliest word each time; sample: draw words at random.',
  } satisfies EnumSpec<CaptionDecoding>,
  beamWidth: {
    kind: 'int',
    appliesTo: { framework: ['encdec'], direction: ['i2t', 'both'], decoding: ['beam'] },
    group: 'model',
    default: 3,
    min: 1,
    max: 16,
    label: 'Beam width',
    help: 'Candidate sentences beam search keeps at each word (1 is greedy decoding).',
  } satisfies IntSpec,
  lengthPenalty: {
    kind: 'number',
    appliesTo: { framework: ['encdec'], direction: ['i2t', 'both'], decoding: ['beam'] },
    group: 'model',
    default: 0,
    min: 0,
    max: 2,
    label: 'Length normalisation',
    help: 'Beam search ranks sentences by log-probability / length^α: 0 favours short sentences, 1 ranks by probability per word.',
  } satisfies NumberSpec,
  samplingTemperature: {
    kind: 'number',
    appliesTo: { framework: ['encdec'], direction: ['i2t', 'both'], decoding: ['sample'] },
    group: 'model',
    default: 0.7,
    min: 0.05,
    max: 5,
    label: 'Sampling temperature',
    help: 'Sampling draws words from the decoder’s distribution sharpened (below 1) or flattened (above 1).',
  } satisfies NumberSpec,
} as const;
