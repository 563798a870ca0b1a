import { beforeAll, describe, expect, it, vi } from 'vitest';
import { useNodeBackend } from '../../src/cli/nodeBackends';
import { resolveConfig } from '../../src/core/experiment/config';
import type { WorkerResponse } from '../../src/training/protocol';
import { LIVE_CODES_MS } from '../../src/training/liveCodes';
import { EVAL_SAMPLE } from '../../src/training/evalSample';

vi.mock('../../src/training/chooseBackend', () => ({
  chooseBackend: () => Promise.resolve({ backend: 'cpu', reason: 'Node test.', candidates: [] }),
}));
const { TrainingSession } = await import('../../src/training/session');

// Evaluations far apart: between them, only live codes move the shared space.
const { config } = resolveConfig({
  trainSize: 64,
  evalSize: 300,
  batchSize: 8,
  imageHidden: 16,
  textHidden: 16,
  dim: 8,
  evalEvery: 100_000,
  seed: 5,
});

beforeAll(async () => {
  await useNodeBackend('cpu');
});

describe('live codes between evaluations', () => {
  it('post the shown pairs’ codes of the current step while training plays, and none once paused', async () => {
    const messages: WorkerResponse[] = [];
    const s = new TrainingSession((m) => messages.push(m));
    await s.handle({
      type: 'init',
      runId: 6,
      config,
      targetSteps: 1_000_000,
      play: true,
      backend: 'cpu',
      baseUrl: 'http://localhost/',
    });
    const codes = () => messages.flatMap((m) => (m.type === 'codes' ? [m] : []));
    // Two of them: the first LIVE_CODES_MS after Play, the next one period later.
    await vi.waitFor(() => expect(codes().length).toBeGreaterThanOrEqual(2), {
      timeout: 30_000,
      interval: 20,
    });
    await s.handle({ type: 'pause' });
    const [first, second] = codes();
    expect(LIVE_CODES_MS).toBe(700);
    expect(EVAL_SAMPLE).toBe(256);
    for (const m of [first, second]) {
      expect(m?.runId).toBe(6);
      expect(m?.live.runId).toBe(6);
      expect(m?.live.dim).toBe(8);
      // Of 300 evaluation pairs, the 256 of the sample the space shows: image and caption codes.
      expect(m?.live.image).toHaveLength(EVAL_SAMPLE * 8);
      expect(m?.live.text).toHaveLength(EVAL_SAMPLE * 8);
      // L2-normalised, like a snapshot's.
      const row = m?.live.image.subarray(0, 8) ?? new Float32Array(0);
      expect(Math.hypot(...row)).toBeCloseTo(1, 5);
    }
    expect(first.live.step).toBeGreaterThan(0);
    expect(second.live.step).toBeGreaterThan(first.live.step);
    // The only snapshot is the step-0 evaluation: the codes came between evaluations.
    expect(messages.filter((m) => m.type === 'snapshot')).toHaveLength(1);
    const after = codes().length;
    await new Promise((resolve) => setTimeout(resolve, LIVE_CODES_MS * 2));
    expect(codes()).toHaveLength(after);
  });
});
