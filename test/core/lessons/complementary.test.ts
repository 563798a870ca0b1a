import { describe, expect, it } from 'vitest';
import { complementaryLesson, threeWayAccuracy } from '../../../src/core/lessons/complementary';
import { lessonById } from '../../../src/core/lessons/catalogue';
import type { LessonContext, LessonPoint, LessonRun } from '../../../src/core/lessons/types';
import { resolveConfig } from '../../../src/core/experiment/config';
import { builtInDataset } from '../../../src/core/data/datasets';

/** A joint evaluation with only the per-subset accuracies a lesson reads. */
function point(bySubset: Record<string, number> | undefined): LessonPoint {
  return {
    step: 400,
    loss: 1,
    metrics: {} as LessonPoint['metrics'],
    extra: { framework: 'joint', joint: { accuracyBySubset: bySubset } } as unknown as LessonPoint['extra'],
  };
}

function context(p: LessonPoint): LessonContext {
  const run: LessonRun = {
    id: 1,
    config: resolveConfig(complementaryLesson.setup).config,
    status: 'running',
    history: [p],
  };
  return { current: run, runs: [], evalSize: 512, chanceR1: 0.01 };
}

const check = (id: string, ctx: LessonContext) =>
  complementaryLesson.checkpoints.find((c) => c.id === id)!.check(ctx);

describe('the complementary-modalities lesson', () => {
  it('is listed, and its settings are valid', () => {
    expect(lessonById('complementary')).toBe(complementaryLesson);
    expect(resolveConfig(complementaryLesson.setup).errors).toEqual([]);
  });

  it('trains on data where every pair of modalities misses an attribute the third has', () => {
    const { config } = resolveConfig({ ...complementaryLesson.setup, trainSize: 6, evalSize: 6 });
    const data = builtInDataset(config);
    // Grey pictures: R = G = B everywhere, so image + sound and image + caption must borrow colour.
    const images = data.train.images;
    let coloured = 0;
    for (let p = 0; p < images.length; p += 3)
      if (images[p] !== images[p + 1] || images[p] !== images[p + 2]) coloured++;
    expect(coloured).toBe(0);
    // Some sounds are pitchless, so the sound is no longer counted as carrying colour; none has position.
    expect(data.soundAttributes).toEqual(['shape', 'size']);
    // Every caption leaves one attribute out, so caption + sound can miss the position.
    expect(config.captionOmit).toBe(1);
  });

  it('reads the three-way accuracy against the best pair', () => {
    const a = threeWayAccuracy(
      point({
        image: 0.6,
        'image+text': 0.8,
        'image+audio': 0.85,
        'text+audio': 0.7,
        'image+text+audio': 0.93,
      }),
    );
    expect(a).toMatchObject({ all: 0.93, bestPair: 0.85, bestPairKey: 'image+audio' });
    expect(threeWayAccuracy(point(undefined))).toBeNull();
  });

  it('reaches its moment only when all three beat the best pair by more than 0.02', () => {
    const win = point({
      'image+text': 0.8,
      'image+audio': 0.85,
      'text+audio': 0.7,
      'image+text+audio': 0.93,
    });
    expect(check('three-beat-pairs', context(win))).toBe(
      '0.93 of attributes right from image, caption and sound together, against 0.85 from the best pair (image and sound).',
    );
    const tie = point({
      'image+text': 0.8,
      'image+audio': 0.85,
      'text+audio': 0.7,
      'image+text+audio': 0.86,
    });
    expect(check('three-beat-pairs', context(tie))).toBeNull();
    expect(check('pairs-measured', context(tie))).toBe(
      'image and caption 0.80, image and sound 0.85, caption and sound 0.70.',
    );
  });
});
