import { beforeAll, describe, expect, it, vi } from 'vitest';
import { useNodeBackend } from '../../src/cli/nodeBackends';
import { resolveConfig } from '../../src/core/experiment/config';
import type { WorkerRequest, WorkerResponse } from '../../src/training/protocol';

// The browser's backend choice (WebGPU / WebGL / WASM probes) has no place in Node: the session trains on
// whatever backend the test set up.
vi.mock('../../src/training/chooseBackend', () => ({
  chooseBackend: () => Promise.resolve({ backend: 'cpu', reason: 'Node test.', candidates: [] }),
}));
const { TrainingSession } = await import('../../src/training/session');

const { config } = resolveConfig({
  trainSize: 64,
  evalSize: 16,
  batchSize: 8,
  imageHidden: 16,
  textHidden: 16,
  dim: 8,
  evalEvery: 2,
  seed: 3,
});

function session() {
  const messages: WorkerResponse[] = [];
  const s = new TrainingSession((m) => messages.push(m));
  const init = (runId: number, targetSteps: number, play = false): WorkerRequest => ({
    type: 'init',
    runId,
    config,
    targetSteps,
    play,
    backend: 'cpu',
    baseUrl: 'http://localhost/',
  });
  /** Resolves once the worker has posted a message matching `pred`. */
  const until = async (pred: (m: WorkerResponse) => boolean) => {
    await vi.waitFor(() => expect(messages.some(pred)).toBe(true), { timeout: 20_000, interval: 5 });
  };
  return { s, messages, init, until };
}

const kinds = (ms: WorkerResponse[]) => ms.filter((m) => m.type !== 'progress').map((m) => m.type);

beforeAll(async () => {
  await useNodeBackend('cpu');
});

describe('a training session', () => {
  it('trains to the target steps, evaluates there, finishes, and goes on when continued', async () => {
    const { s, messages, init, until } = session();
    await s.handle(init(7, 3, true));
    await until((m) => m.type === 'finished');
    // Step 0 evaluated at init, step 2 on the schedule, step 3 because it is the target.
    const snapshots = messages.flatMap((m) => (m.type === 'snapshot' ? [m] : []));
    expect(snapshots.map((m) => [m.runId, m.snapshot.runId, m.snapshot.step])).toEqual([
      [7, 7, 0],
      [7, 7, 2],
      [7, 7, 3],
    ]);
    expect(messages.at(-1)).toEqual({ type: 'finished', runId: 7, step: 3 });
    expect(messages.every((m) => 'runId' in m && m.runId === 7)).toBe(true);
    // Play at the target trains nothing and says finished again.
    messages.length = 0;
    await s.handle({ type: 'play' });
    expect(messages).toEqual([{ type: 'finished', runId: 7, step: 3 }]);
    // Continue: two more steps.
    messages.length = 0;
    await s.handle({ type: 'continue', runId: 7, steps: 2 });
    await until((m) => m.type === 'finished');
    expect(messages.at(-1)).toEqual({ type: 'finished', runId: 7, step: 5 });
    expect(messages.flatMap((m) => (m.type === 'snapshot' ? [m.snapshot.step] : []))).toEqual([4, 5]);
  });

  it('finishes at once, after the step-0 evaluation, when the target is 0', async () => {
    const { s, messages, init } = session();
    await s.handle(init(1, 0, true));
    expect(kinds(messages)).toEqual(['ready', 'snapshot', 'finished']);
    expect(messages.at(-1)).toEqual({ type: 'finished', runId: 1, step: 0 });
  });

  it('does not start a queued run that was paused while it was being built', async () => {
    const { s, messages, init } = session();
    const building = s.handle(init(2, 5, true));
    await s.handle({ type: 'pause' });
    await building;
    expect(kinds(messages)).toEqual(['ready', 'snapshot']);
  });

  it("reports an init's failure under that run's id", async () => {
    const { s, messages } = session();
    await s.handle({
      type: 'init',
      runId: 4,
      config: { ...config, dataset: 'imported' },
      targetSteps: 10,
      backend: 'cpu',
      baseUrl: 'http://localhost/',
    });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ type: 'error', runId: 4 });
  });
});

describe('a run replaced while it is being built', () => {
  it('never overlaps two builds: only the newer run reports, and it trains', async () => {
    const { s, messages, init, until } = session();
    const first = s.handle(init(1, 4, true));
    const second = s.handle(init(2, 2, true));
    await Promise.all([first, second]);
    await until((m) => m.type === 'finished');
    expect(messages.filter((m) => m.type === 'error')).toEqual([]);
    expect(messages.some((m) => 'runId' in m && m.runId === 1 && m.type !== 'running')).toBe(false);
    expect(messages.at(-1)).toEqual({ type: 'finished', runId: 2, step: 2 });
  });
});
