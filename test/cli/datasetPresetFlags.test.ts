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

  it('leaves the shapes defaults and a folder of own pairs alone', () => {
    expect(parseFlags([]).config).toEqual(defaultConfig());
    expect(parseFlags(['--data', 'pairs/']).config).toEqual(defaultConfig());
  });
});
