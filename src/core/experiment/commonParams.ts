import type { BoolSpec, EnumSpec, IntSpec, NumberSpec } from './paramSpec';
import {
  AUDIO_ENCODERS,
  IMAGE_ENCODERS,
  TEXT_ENCODERS,
  type AudioEncoderName,
  type ImageEncoderName,
  type TextEncoderName,
} from '../models/encoderNames';
import { DEFAULT_MODALITIES, MODALITY_LISTS, type ModalityList } from '../data/modalities';
import { COORDINATED_LOSSES } from './coordinatedParams';
import { CORRELATION_LOSSES } from './correlationParams';
import { JOINT_LOSSES } from './jointParams';
import { ENCDEC_LOSSES } from './encdecParams';

export const FRAMEWORKS = ['coordinated', 'correlation', 'joint', 'encdec'] as const;
export type FrameworkName = (typeof FRAMEWORKS)[number];

/**
 * The losses each framework offers; the first is its default. One `loss` setting serves every framework
 * (so `--loss dcca` reads the same as `--loss infonce`); `resolveConfig` checks that the pair fits.
 */
export const FRAMEWORK_LOSSES = {
  coordinated: COORDINATED_LOSSES,
  correlation: CORRELATION_LOSSES,
  joint: JOINT_LOSSES,
  encdec: ENCDEC_LOSSES,
} as const satisfies Record<FrameworkName, readonly string[]>;

export const LOSSES = [...new Set(Object.values(FRAMEWORK_LOSSES).flat())] as LossName[];
export type LossName = (typeof FRAMEWORK_LOSSES)[FrameworkName][number];

/**
 * 'shapes': procedural, generated from the seed. 'emoji': the built-in emoji files (train on one art
 * style, evaluate on another). 'imported': the user's own pairs, stored in their browser; a link names
 * them by id in its `data` extra, and a browser without them falls back to shapes with a notice.
 */
export const DATASETS = ['shapes', 'emoji', 'imported'] as const;
export type DatasetName = (typeof DATASETS)[number];

/** Sizes, noise and terse captions shape the generated dataset; files come as they are. */
const SHAPES_ONLY = { dataset: ['shapes'] } as const;

/** Settings every framework shares: data, encoders, optimisation, evaluation. */
export const COMMON_PARAMS = {
  modalities: {
    kind: 'enum',
    group: 'data',
    default: DEFAULT_MODALITIES,
    // Any order is accepted (resolveConfig canonicalises 'audio,image' to 'image,audio').
    options: MODALITY_LISTS,
    optionLabels: {
      'image,text': 'image + text',
      'image,audio': 'image + sound',
      'text,audio': 'text + sound',
      'image,text,audio': 'image + text + sound',
    },
    label: 'Modalities',
    help: 'Which modalities the model learns from (at least two). With sound, every pair of modalities gets its own gap, alignment and retrieval, and joint fusion combines all of them.',
  } satisfies EnumSpec<ModalityList>,
  framework: {
    kind: 'enum',
    group: 'objective',
    default: 'coordinated',
    options: FRAMEWORKS,
    optionLabels: {
      coordinated: 'Coordinated, by similarity',
      correlation: 'Coordinated, by correlation',
      joint: 'Joint representation',
      encdec: 'Encoder–decoder',
    },
    label: 'Framework',
    help: 'Which of the survey’s three frameworks learns the representation.',
  } satisfies EnumSpec<FrameworkName>,
  loss: {
    kind: 'enum',
    group: 'objective',
    default: 'infonce',
    options: LOSSES,
    optionLabels: {
      infonce: 'InfoNCE (CLIP)',
      hinge: 'hinge ranking (DeViSE / VSE)',
      vsepp: 'VSE++ (hardest negative)',
      dcca: 'Deep CCA',
      softcca: 'soft CCA',
      multitask: 'weighted objectives',
      mle: 'likelihood (teacher forcing)',
    },
    label: 'Loss',
    help: 'The training objective; each framework has its own (see FRAMEWORK_LOSSES).',
  } satisfies EnumSpec<LossName>,
  dataset: {
    kind: 'enum',
    group: 'data',
    default: 'shapes',
    options: DATASETS,
    optionLabels: {
      shapes: 'ShapeCaptions (generated)',
      emoji: 'emoji (Noto → Twemoji)',
      imported: 'your imported pairs',
    },
    label: 'Dataset',
    help: 'shapes: procedural 32×32 shapes with generated captions; emoji: 1,906 emoji trained in the Noto style and evaluated in Twemoji, captioned with their Unicode names; imported: your own pairs (drop a folder in the Data panel).',
  } satisfies EnumSpec<DatasetName>,
  trainSize: {
    kind: 'int',
    appliesTo: SHAPES_ONLY,
    group: 'data',
    default: 2000,
    min: 16,
    max: 50000,
    label: 'Training pairs',
    help: 'How many image–caption pairs to train on.',
  } satisfies IntSpec,
  evalSize: {
    kind: 'int',
    // Emoji: a seeded sample of the 1,906, so metrics and the layout keep up with training.
    appliesTo: { dataset: ['shapes', 'emoji'] },
    group: 'data',
    default: 512,
    min: 16,
    max: 20000,
    label: 'Evaluation pairs',
    help: 'Pairs used for every metric and the shared-space view: for shapes, generated pairs never trained on; for emoji, a seeded sample of the 1,906 emoji drawn in the evaluation style.',
  } satisfies IntSpec,
  evalShare: {
    kind: 'number',
    appliesTo: { dataset: ['imported'] },
    group: 'data',
    default: 0.2,
    min: 0.05,
    max: 0.8,
    label: 'Evaluation share',
    help: 'Share of your imported images held out for evaluation (never trained on), at least 2 on each side. A small import needs a larger share for its metrics to mean anything: with 6 evaluation pairs a random model already scores R@1 0.17.',
  } satisfies NumberSpec,
  noise: {
    kind: 'number',
    appliesTo: SHAPES_ONLY,
    group: 'data',
    default: 0.02,
    min: 0,
    max: 0.5,
    label: 'Pixel noise',
    help: 'Standard deviation of Gaussian noise added to each pixel.',
  } satisfies NumberSpec,
  captionOmit: {
    kind: 'number',
    appliesTo: SHAPES_ONLY,
    group: 'data',
    default: 0,
    min: 0,
    max: 1,
    label: 'Terse captions',
    help: 'Share of captions that leave one attribute out (“a small circle at the top”): then text alone cannot know everything, and fusing it with the image pays off.',
  } satisfies NumberSpec,
  // Complementary modalities (see ShapeCaptionsOptions): greyscale pictures lack colour, pitchless sounds
  // lack colour, sounds never carry position, terse captions lack one attribute. With all three on, every
  // pair of modalities misses something only the third carries, so fusing three can beat the best pair.
  greyscale: {
    kind: 'bool',
    appliesTo: SHAPES_ONLY,
    group: 'data',
    default: false,
    label: 'Greyscale pictures',
    help: 'Draw every shape in the same grey: the picture no longer shows colour, so colour must come from the caption or the sound.',
  } satisfies BoolSpec,
  pitchless: {
    kind: 'number',
    appliesTo: { dataset: ['shapes'], modalities: ['image,audio', 'text,audio', 'image,text,audio'] },
    group: 'data',
    default: 0,
    min: 0,
    max: 1,
    label: 'Pitchless sounds',
    help: 'Share of sounds played at one steady pitch whatever the colour: those sounds tell shape and size but not colour.',
  } satisfies NumberSpec,
  seed: {
    kind: 'int',
    group: 'training',
    default: 1,
    min: 0,
    max: 2 ** 31 - 1,
    label: 'Seed',
    help: 'Same seed, same data, same initial weights, same batches: the same run.',
  } satisfies IntSpec,
  steps: {
    kind: 'int',
    group: 'training',
    default: 600,
    min: 1,
    max: 1_000_000,
    label: 'Steps',
    help: 'Training steps (one batch each) in a headless run.',
  } satisfies IntSpec,
  batchSize: {
    kind: 'int',
    group: 'training',
    default: 64,
    min: 2,
    max: 1024,
    flag: 'batch',
    label: 'Batch size',
    help: 'Pairs per step; for contrastive losses the other pairs of the batch are the negatives.',
  } satisfies IntSpec,
  lr: {
    kind: 'number',
    group: 'training',
    default: 0.002,
    min: 1e-6,
    max: 1,
    label: 'Learning rate',
    help: 'Adam step size.',
  } satisfies NumberSpec,
  dim: {
    kind: 'int',
    group: 'model',
    default: 32,
    min: 2,
    max: 512,
    label: 'Embedding size',
    help: 'Width of the shared space each modality is projected into.',
  } satisfies IntSpec,
  imageEncoder: {
    kind: 'enum',
    group: 'model',
    default: 'mlp',
    options: IMAGE_ENCODERS,
    optionLabels: {
      mlp: 'MLP (one hidden layer)',
      cnn: 'CNN (two convolution stages)',
      'cnn-portable': 'CNN, portable (any backend)',
    },
    label: 'Image encoder',
    help: 'mlp: one hidden layer over the pixels; cnn: two convolution stages; cnn-portable: the same CNN built from ops every backend can train.',
  } satisfies EnumSpec<ImageEncoderName>,
  textEncoder: {
    kind: 'enum',
    group: 'model',
    default: 'bow',
    options: TEXT_ENCODERS,
    optionLabels: { bow: 'bag of words', gru: 'GRU (reads word order)', glove: 'GloVe (frozen, averaged)' },
    label: 'Text encoder',
    help: 'bow: bag of words and one hidden layer; gru: word embeddings read in order by a recurrent net; glove: frozen GloVe word vectors, averaged (only the projection learns). GloVe puts opposites close (cos(left, right) = 0.77, cos(small, large) = 0.93), so it struggles to tell positions and sizes apart.',
  } satisfies EnumSpec<TextEncoderName>,
  audioEncoder: {
    kind: 'enum',
    appliesTo: { modalities: ['image,audio', 'text,audio', 'image,text,audio'] },
    group: 'model',
    default: 'mlp',
    options: AUDIO_ENCODERS,
    optionLabels: { mlp: 'MLP over the spectrogram', conv1d: '1-D convolution over frames' },
    label: 'Sound encoder',
    help: 'mlp: one hidden layer over the whole log-mel spectrogram; conv1d: convolutions along time, so a sound is recognised wherever it starts.',
  } satisfies EnumSpec<AudioEncoderName>,
  imageHidden: {
    kind: 'int',
    group: 'model',
    default: 256,
    min: 4,
    max: 2048,
    label: 'Image hidden units',
    help: 'Width of the image encoder’s last hidden layer.',
  } satisfies IntSpec,
  textHidden: {
    kind: 'int',
    group: 'model',
    default: 128,
    min: 4,
    max: 2048,
    label: 'Text hidden units',
    help: 'Width of the text encoder’s hidden layer or recurrent state.',
  } satisfies IntSpec,
  audioHidden: {
    kind: 'int',
    appliesTo: { modalities: ['image,audio', 'text,audio', 'image,text,audio'] },
    group: 'model',
    default: 128,
    min: 4,
    max: 2048,
    label: 'Sound hidden units',
    help: 'Width of the sound encoder’s last hidden layer.',
  } satisfies IntSpec,
  evalEvery: {
    kind: 'int',
    group: 'training',
    default: 25,
    min: 1,
    max: 100000,
    label: 'Evaluate every',
    help: 'Steps between evaluations of the metrics.',
  } satisfies IntSpec,
} as const;
