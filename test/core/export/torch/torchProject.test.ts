import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../../src/core/experiment/config';
import { generateShapeCaptions } from '../../../../src/core/data/shapes/shapeCaptions';
import {
  TORCH_TEMPLATE_NAMES,
  torchExportProblem,
  torchProjectFiles,
  type TorchTemplates,
} from '../../../../src/core/export/torch/torchProject';
import { pairFileName, pairSetFiles } from '../../../../src/core/export/torch/pairFolder';
import { IMAGE_LENGTH, type PairSet } from '../../../../src/core/data/pairs';
import { readTorchTemplates } from '../../../../src/cli/exportTorch';

const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

describe('torchExportProblem', () => {
  it('accepts the default config and names what is not mirrored', () => {
    expect(torchExportProblem(defaultConfig())).toBeNull();
    expect(torchExportProblem({ ...defaultConfig(), loss: 'vsepp', learnTemperature: true })).toBeNull();
    // Every framework: the Export panel offers the project whatever the framework.
    for (const framework of ['coordinated', 'correlation', 'joint', 'encdec'] as const)
      expect(torchExportProblem({ ...defaultConfig(), framework })).toBeNull();
    expect(torchExportProblem({ ...defaultConfig(), imageEncoder: 'cnn-portable' })).toBeNull();
    expect(torchExportProblem({ ...defaultConfig(), framework: 'correlation', loss: 'softcca' })).toBeNull();
    expect(torchExportProblem({ ...defaultConfig(), textEncoder: 'gru' })).toMatch(/'bow'.*not 'gru'/);
    expect(torchExportProblem({ ...defaultConfig(), modalities: 'image,text,audio' })).toMatch(
      /image and text so far, not the modalities image,text,audio/,
    );
  });
});

describe('pairSetFiles', () => {
  // Two pairs: a black image and one whose first value is out of range (clamped to 255).
  const images = new Float32Array(2 * IMAGE_LENGTH);
  images[IMAGE_LENGTH] = 1.7;
  const set: PairSet = {
    size: 2,
    images,
    captions: [['a red circle', 'red disc'], ['a "blue" square']],
    keys: ['0|1', '2|3'],
    heldOut: Uint8Array.from([0, 1]),
  };

  it('writes one PNG per pair and a metadata.jsonl row with captions, key and held-out flag', () => {
    const files = pairSetFiles(set, 'data/eval');
    expect(Object.keys(files).sort()).toEqual([
      'data/eval/00000.png',
      'data/eval/00001.png',
      'data/eval/metadata.jsonl',
    ]);
    expect(text(files['data/eval/metadata.jsonl'])).toBe(
      '{"file_name":"00000.png","text":["a red circle","red disc"],"key":"0|1","held_out":0}\n' +
        '{"file_name":"00001.png","text":["a \\"blue\\" square"],"key":"2|3","held_out":1}\n',
    );
    expect(Array.from(files['data/eval/00000.png']?.subarray(1, 4) ?? [])).toEqual([0x50, 0x4e, 0x47]);
  });

  it('pads file names so they sort in pair order', () => {
    expect(pairFileName(7, 10)).toBe('00007.png');
    expect(pairFileName(7, 200_000)).toBe('000007.png');
  });
});

describe('torchProjectFiles', () => {
  const config = { ...defaultConfig(), trainSize: 16, evalSize: 16, steps: 300, lr: 0.001 };
  const dataset = generateShapeCaptions({ seed: 1, trainSize: 16, evalSize: 16 });

  it('copies the templates verbatim, writes the config and the data, and fills in the README', async () => {
    const templates = await readTorchTemplates();
    const files = torchProjectFiles({ config, dataset, templates });
    for (const name of TORCH_TEMPLATE_NAMES.filter((n) => n !== 'README.md'))
      expect(text(files[name])).toBe(templates[name]);
    expect(JSON.parse(text(files['config.json']))).toEqual(config);
    expect(Object.keys(files).filter((p) => p.startsWith('data/train/')).length).toBe(16 + 1);
    expect(Object.keys(files).filter((p) => p.startsWith('data/eval/')).length).toBe(16 + 1);
    const readme = text(files['README.md']);
    expect(readme).not.toContain('{{');
    expect(readme).toContain('learning rate 0.001');
    expect(readme).toContain('300 steps');
    expect(readme).toContain('InfoNCE (CLIP), temperature 0.1');
  });

  it('describes the correlation framework’s model and objective', async () => {
    const correlation = { ...config, framework: 'correlation' as const, loss: 'dcca' as const, ccaTopK: 4 };
    const files = torchProjectFiles({ config: correlation, dataset, templates: await readTorchTemplates() });
    const readme = text(files['README.md']);
    expect(readme).toContain('coordinated representation by correlation');
    expect(readme).toContain('linear CCA readout');
    expect(readme).toContain('Deep CCA (Andrew et al. 2013)');
    expect(readme).toContain(
      'ridge 0.1 of each view’s mean variance, the 4 largest correlations'.replace('’', "'"),
    );
  });

  it('describes the joint framework’s fusion and objective', async () => {
    const joint = {
      ...config,
      framework: 'joint' as const,
      loss: 'multitask' as const,
      fusion: 'tensor' as const,
    };
    const files = torchProjectFiles({ config: joint, dataset, templates: await readTorchTemplates() });
    const readme = text(files['README.md']);
    expect(readme).toContain('tensor (outer product of [v; 1]s) fusion');
    expect(readme).toContain("1 × the attributes' cross-entropy from the joint code + 1 × reconstruction");
    expect(readme).toContain('modality dropout 0.5');
    // The attributes' names and values travel with the pairs.
    expect(JSON.parse(text(files['data/schema.json']))).toEqual(dataset.schema);
    expect(text(files['data/eval/metadata.jsonl']).split('\n')[0]).toMatch(/"attributes":\[\d+(,\d+)*\]/);
  });

  it('describes the encoder–decoder’s decoders and objective', async () => {
    const encdec = {
      ...config,
      framework: 'encdec' as const,
      loss: 'mle' as const,
      direction: 'both' as const,
    };
    const files = torchProjectFiles({ config: encdec, dataset, templates: await readTorchTemplates() });
    const readme = text(files['README.md']);
    expect(readme).toContain('a GRU caption decoder (128 units, teacher forced) reads the image latent');
    expect(readme).toContain('an up-convolution image decoder reads the caption latent');
    expect(readme).toContain('0.5 × InfoNCE (temperature 0.1) between the two latents');
  });

  it('refuses a config it does not mirror', () => {
    const templates = Object.fromEntries(TORCH_TEMPLATE_NAMES.map((n) => [n, ''])) as TorchTemplates;
    expect(() =>
      torchProjectFiles({ config: { ...config, textEncoder: 'gru' }, dataset, templates }),
    ).toThrow(/not 'gru'/);
  });
});

describe('the bundled templates', () => {
  it('are the files the runner reads from disk', async () => {
    const { BUNDLED_TORCH_TEMPLATES } = await import('../../../../src/core/export/torch/bundledTemplates');
    expect(BUNDLED_TORCH_TEMPLATES).toEqual(await readTorchTemplates());
  });
});

describe('the export worker', () => {
  it('builds the project without TensorFlow.js (its chunk stays small)', async () => {
    const { fileURLToPath } = await import('node:url');
    const { importGraph } = await import('../../../helpers/importGraph');
    const graph = importGraph(
      fileURLToPath(new URL('../../../..', import.meta.url)),
      'src/training/torchExport/torchExportWorker.ts',
    );
    expect(graph.files).toContain('src/core/export/torch/bundledTemplates.ts');
    expect([...graph.packages].filter((p) => p.startsWith('@tensorflow/'))).toEqual([]);
    expect(graph.files.has('src/core/tf.ts')).toBe(false);
  });
});
