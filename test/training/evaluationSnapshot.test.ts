import { describe, expect, it } from 'vitest';
import { snapshotOf, type Measured } from '../../src/training/evaluationSnapshot';
import type { Evaluation } from '../../src/training/trainer';

/** Three evaluation pairs in a 2-d shared space, of which the first two are shown; audio is a third modality. */
function measured(moreModalities: boolean): Measured {
  const image = new Float32Array([1, 0, 0, 1, 0.6, 0.8]);
  const text = new Float32Array([0.6, 0.8, 1, 0, 0, 1]);
  const evaluation: Evaluation = {
    step: 40,
    dim: 2,
    image,
    text,
    codes: { image, text, audio: new Float32Array([1, 2, 3, 4, 5, 6]) },
    metrics: { gap: 0.5 } as Evaluation['metrics'],
    extra: {} as Evaluation['extra'],
  };
  return {
    evaluation,
    complete: true,
    shown: 2,
    probes: null,
    fused: new Float32Array([9, 9, 9, 9]),
    similaritySize: 2,
    moreModalities,
  };
}

describe('snapshotOf', () => {
  it("copies the shown pairs' codes, scores the similarity block and keeps the loss and speed", () => {
    const m = measured(true);
    const s = snapshotOf(7, m, { loss: 1.25, pairsPerSecond: 300, scalars: { temperature: 0.07 } });
    expect(s).toMatchObject({ runId: 7, step: 40, loss: 1.25, dim: 2, evaluated: 3, pairsPerSecond: 300 });
    expect(s.scalars).toEqual({ temperature: 0.07 });
    expect([...s.image]).toEqual([1, 0, 0, 1]);
    expect([...s.text]).toEqual([...new Float32Array([0.6, 0.8, 1, 0])]);
    // Rows are images, columns captions: image 0 · text 0 = 0.6, image 0 · text 1 = 1, image 1 · text 0 = 0.8.
    expect([...s.similarity]).toEqual([...new Float32Array([0.6, 1, 0.8, 0])]);
    expect(s.similaritySize).toBe(2);
    // Only modalities beyond image and text travel as codes, cut to the shown pairs.
    expect(Object.keys(s.codes ?? {})).toEqual(['audio']);
    expect([...(s.codes?.audio ?? [])]).toEqual([1, 2, 3, 4]);
    expect(s.fused).toBe(m.fused);
    expect('probes' in s).toBe(false);
  });

  it('leaves the evaluation intact when the snapshot is transferred away', () => {
    const m = measured(true);
    const s = snapshotOf(1, m, { loss: 0, pairsPerSecond: 0, scalars: {} });
    s.image.fill(-1);
    s.codes?.audio?.fill(-1);
    expect([...m.evaluation.image.subarray(0, 2)]).toEqual([1, 0]);
    expect(m.evaluation.codes.audio?.[0]).toBe(1);
  });

  it('sends no codes for a run of image and text only', () => {
    const s = snapshotOf(1, measured(false), { loss: 0, pairsPerSecond: 0, scalars: {} });
    expect('codes' in s).toBe(false);
  });
});
