import type { ExperimentConfig } from '../../src/core/experiment/config';

/**
 * The model measured for each framework on WebGPU (the gpu-work counts and the GPU machine's timings):
 * its defaults, except joint with tensor fusion, its costliest fusion.
 */
export const GPU_WORK_MODELS: Record<string, Partial<ExperimentConfig>> = {
  coordinated: {},
  joint: { fusion: 'tensor' },
  correlation: { loss: 'dcca' },
  encdec: { direction: 'i2t' },
};
