import { describe, expect, it } from 'vitest';
import { unzipSync, zipSync } from 'fflate';
import { defaultConfig } from '../../../src/core/experiment/config';
import {
  modelArchive,
  modelJson,
  parseModelFiles,
  readModelFiles,
  type ModelWeights,
} from '../../../src/core/export/modelFile';

const weights: ModelWeights = {
  specs: [
    { name: 'image/fc/w', shape: [2, 3], dtype: 'float32' },
    { name: 'image/fc/b', shape: [3], dtype: 'float32' },
  ],
  data: Float32Array.from([1, 2, 3, 4, 5, 6, 0.5, -0.5, 0]).buffer,
  config: { ...defaultConfig(), dim: 16, seed: 4 },
  vocabulary: ['<pad>', '<unk>', '<s>', '</s>', 'red', 'circle'],
  step: 120,
  datasetName: 'Imported pairs (set)',
  datasetId: 'abc',
};

/** What these tests read of model.json (tf.io's model format with the playground's metadata). */
interface ModelJsonRead {
  weightsManifest: unknown;
  userDefinedMetadata: { config: { dim: number }; vocabulary: unknown; step: number };
}

describe('model files', () => {
  it('writes a tf.io weights manifest naming weights.bin, with the config and vocabulary', () => {
    const json = JSON.parse(modelJson(weights)) as ModelJsonRead;
    expect(json.weightsManifest).toEqual([{ paths: ['weights.bin'], weights: weights.specs }]);
    expect(json.userDefinedMetadata.config.dim).toBe(16);
    expect(json.userDefinedMetadata.vocabulary).toEqual(weights.vocabulary);
    expect(json.userDefinedMetadata.step).toBe(120);
  });

  it('reads back what it wrote, from the zip or from the two files', () => {
    const zip = modelArchive(weights);
    const fromZip = readModelFiles([{ name: 'model.zip', bytes: zip }]);
    const entries = unzipSync(zip);
    const fromFiles = readModelFiles([
      { name: 'model.json', bytes: entries['model.json'] },
      { name: 'weights.bin', bytes: entries['weights.bin'] },
    ]);
    for (const back of [fromZip, fromFiles]) {
      expect(back.specs).toEqual(weights.specs);
      expect(Array.from(new Float32Array(back.data))).toEqual(Array.from(new Float32Array(weights.data)));
      expect(back.config).toEqual(weights.config);
      expect(back.vocabulary).toEqual(weights.vocabulary);
      expect([back.step, back.datasetName, back.datasetId]).toEqual([120, 'Imported pairs (set)', 'abc']);
    }
  });

  it('explains what is wrong with files that are not a saved model', () => {
    const json = modelJson(weights);
    const bin = new Uint8Array(weights.data);
    expect(() => parseModelFiles('{', bin)).toThrow(/not JSON/);
    expect(() => parseModelFiles(JSON.stringify({ format: 'layers-model' }), bin)).toThrow(
      /format "layers-model"/,
    );
    expect(() => parseModelFiles(json, bin.subarray(0, 8))).toThrow(/holds 8 bytes, model.json needs 36/);
    const badConfig = json.replace('"dim":16', '"dim":99999');
    expect(() => parseModelFiles(badConfig, bin)).toThrow(/dim must be between/);
    expect(() => readModelFiles([{ name: 'model.json', bytes: new TextEncoder().encode(json) }])).toThrow(
      /together with weights.bin/,
    );
    expect(() => readModelFiles([{ name: 'x.zip', bytes: zipSync({ 'a.txt': new Uint8Array(1) }) }])).toThrow(
      /together with weights.bin/,
    );
  });
});
