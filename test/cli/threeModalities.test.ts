import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../src/cli/nodeBackends';
import { resolveConfig, type ExperimentConfig } from '../../src/core/experiment/config';
import { runExperiment, type ExperimentResult } from '../../src/cli/runExperiment';
import { torchModalitiesProblem } from '../../src/cli/exportTorch';

beforeAll(() => useNodeBackend('cpu'));

function config(settings: Record<string, unknown>): ExperimentConfig {
  const { config: c, errors } = resolveConfig({
    steps: 10,
    evalEvery: 5,
    trainSize: 48,
    evalSize: 24,
    batchSize: 16,
    imageHidden: 16,
    textHidden: 16,
    audioHidden: 16,
    dim: 8,
    modalityDim: 4,
    ...settings,
  });
  expect(errors).toEqual([]);
  return c;
}

/** A run as the runner writes it: its JSON, read back, and its progress lines. */
async function run(settings: Record<string, unknown>): Promise<{ json: ExperimentResult; lines: string[] }> {
  const lines: string[] = [];
  const result = await runExperiment(config(settings), 'cpu', (line) => lines.push(line));
  return { json: JSON.parse(JSON.stringify(result)) as ExperimentResult, lines };
}

const SPLIT = ['count', 'gap', 'alignment', 'pairCosine', 'a2b', 'b2a'];

describe('runner JSON with three modalities', () => {
  it('lists the modalities and one entry per pair, in their order, with the hit rule', async () => {
    const { json, lines } = await run({ modalities: 'audio,image,text', framework: 'coordinated' });
    const { final } = json;
    expect(json.config.modalities).toBe('image,text,audio');
    expect(final.modalities).toEqual(['image', 'text', 'audio']);
    const pairs = final.pairs ?? {};
    expect(Object.keys(pairs)).toEqual(['image-text', 'image-audio', 'text-audio']);
    for (const pair of Object.values(pairs)) {
      expect(Object.keys(pair ?? {})).toEqual([
        'gap',
        'alignment',
        'pairCosine',
        'seen',
        'heldOut',
        'hitRule',
      ]);
      expect(Object.keys(pair?.seen ?? {})).toEqual(SPLIT);
      expect(Object.keys(pair?.seen.a2b ?? {})).toEqual(['r1', 'r5', 'r10', 'medianRank']);
    }
    expect(pairs['image-text']?.hitRule).toBe('same key');
    expect(pairs['text-audio']?.hitRule).toBe('same shape, colour, size');
    // The image–text fields stay where they were.
    expect(final.gap).toBe(pairs['image-text']?.gap);
    expect(final.seen.i2t).toEqual(pairs['image-text']?.seen.a2b);
    expect(Object.keys(final.cones ?? {})).toEqual(['image', 'text', 'audio']);
    expect(json.history[0].pairs?.['image-audio']?.gap).toBe(json.initial.pairs?.['image-audio']?.gap);
    const progress = lines.filter((l) => l.startsWith('step'));
    expect(progress).toHaveLength(3);
    progress.forEach((l) => {
      // Each pair by the app's words, both directions and the held-out one ('–' when a split is empty).
      expect(l).toMatch(
        /image–sound gap \d\.\d{3} R@1 i→s \d\.\d{3} s→i \d\.\d{3} held-out i→s (\d\.\d{3}|–) {2}caption–sound gap/,
      );
      expect(l).not.toMatch(/NaN/);
    });
  }, 120_000);

  it('joint: accuracy by input subset', async () => {
    const { json } = await run({ modalities: 'image,text,audio', framework: 'joint', fusion: 'tensor' });
    const joint = json.final.joint as { accuracyBySubset: Record<string, number> };
    expect(Object.keys(joint.accuracyBySubset)).toEqual([
      'image',
      'text',
      'audio',
      'image+text',
      'image+audio',
      'text+audio',
      'image+text+audio',
    ]);
  }, 120_000);

  it('two modalities without image and text: the usual fields describe that pair', async () => {
    const { json } = await run({ modalities: 'text,audio', framework: 'coordinated' });
    const pair = json.final.pairs?.['text-audio'];
    expect(Object.keys(json.final.pairs ?? {})).toEqual(['text-audio']);
    expect(json.final.gap).toBe(pair?.gap);
    expect(json.final.seen.i2t).toEqual(pair?.seen.a2b);
    expect(json.final.seen.t2i).toEqual(pair?.seen.b2a);
  }, 120_000);

  it('the PyTorch export says it mirrors image and text only', () => {
    expect(torchModalitiesProblem(config({}))).toBeNull();
    expect(torchModalitiesProblem(config({ modalities: 'image,text,audio' }))).toBe(
      'The PyTorch export mirrors image and text so far, not the modalities image,text,audio.',
    );
  });
});
