/**
 * The encoder names, apart from the encoders themselves so the page can list them in its settings
 * without loading TensorFlow.js (which only the workers need).
 */
export const IMAGE_ENCODERS = ['mlp', 'cnn', 'cnn-portable'] as const;
export type ImageEncoderName = (typeof IMAGE_ENCODERS)[number];

export const TEXT_ENCODERS = ['bow', 'gru', 'glove'] as const;
export type TextEncoderName = (typeof TEXT_ENCODERS)[number];

/** 'mlp': dense layers over the flattened log-mel frames; 'conv1d': 1-D convolution over frames. */
export const AUDIO_ENCODERS = ['mlp', 'conv1d'] as const;
export type AudioEncoderName = (typeof AUDIO_ENCODERS)[number];
