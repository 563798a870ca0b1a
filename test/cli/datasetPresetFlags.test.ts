import { describe, expect, it } from 'vitest';
import { parseFlags } from '../../src/cli/flags';
import { defaultConfig } from '../../src/core/experiment/config';

describe('the runner and dataset presets', () => {
  it('gives --dataset emoji its recommended settings', () => {
    const { config } = parseFlags(['--dataset', 'emoji']);
    expect(config).toEqual({
      ...defaultConfig(),
      dataset: 'emoji',
      batchSize: 128,
      evalSize: 512,
      evalEvery: 20,
    });
  });

  it('lets every flag win over the preset, wherever it stands', () => {
    const { config } = parseFlags(['--batch', '32', '--dataset=emoji', '--eval-size', '1906']);
    expect(config).toMatchObject({ dataset: 'emoji', batchSize: 32, evalSize: 1906, evalEvery: 20 });
  });

  it('reads --data emoji as the emoji dataset, with its preset', () => {
    const { config, options } = parseFlags(['--data', 'emoji']);
    expect(options.data).toBe('emoji');
    expect(config).toMatchObject({ dataset: 'emoji', batchSize: 128, evalSize: 512 });
  });

  it('leaves the shapes defaults alone, and reads a folder of own pairs as the imported dataset', () => {
    expect(parseFlags([]).config).toEqual(defaultConfig());
    // Own pairs have no preset: every other setting keeps its default.
    expect(parseFlags(['--data', 'pairs/']).config).toEqual({ ...defaultConfig(), dataset: 'imported' });
    expect(parseFlags(['--data', 'pairs.zip', '--dataset', 'imported']).config.dataset).toBe('imported');
  });

  it('rejects a dataset that contradicts --data, and imported data without --data', () => {
    expect(() => parseFlags(['--data', 'pairs/', '--dataset', 'shapes'])).toThrow(
      '--data pairs/ trains on your own pairs: leave out --dataset shapes',
    );
    expect(() => parseFlags(['--data', 'pairs/', '--sweep', 'dataset=shapes,emoji'])).toThrow(
      '--data pairs/ fixes the data: sweep over dataset without --data',
    );
    expect(() => parseFlags(['--dataset', 'imported'])).toThrow(
      '--dataset imported needs --data PATH (a folder or .zip of image-caption pairs)',
    );
  });
});
