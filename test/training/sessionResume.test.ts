import { beforeAll, describe, expect, it, vi } from 'vitest';
import { useNodeBackend } from '../../src/cli/nodeBackends';
import { resolveConfig } from '../../src/core/experiment/config';
import type { ModelWeights } from '../../src/core/export/modelFile';
import type { ResumeState } from '../../src/training/resumeState';
import type { Snapshot, WorkerRequest, WorkerResponse } from '../../src/training/protocol';

vi.mock('../../src/training/chooseBackend', () => ({
  chooseBackend: () => Promise.resolve({ backend: 'cpu', reason: 'Node test.', candidates: [] }),
}));
const { TrainingSession } = await import('../../src/training/session');

const { config } = resolveConfig({
  trainSize: 40,
  evalSize: 16,
  batchSize: 8,
  imageHidden: 16,
  textHidden: 16,
  dim: 8,
  evalEvery: 2,
  seed: 5,
});

/** A session with its messages; `run` inits and waits for the run to finish. */
function session() {
  const messages: WorkerResponse[] = [];
  const s = new TrainingSession((m) => messages.push(m));
  const run = async (targetSteps: number, more: Partial<Extract<WorkerRequest, { type: 'init' }>> = {}) => {
    await s.handle({
      type: 'init',
      runId: 1,
      config,
      targetSteps,
      play: true,
      backend: 'cpu',
      baseUrl: 'http://localhost/',
      ...more,
    });
    await vi.waitFor(() => expect(messages.some((m) => m.type === 'finished')).toBe(true), {
      timeout: 20_000,
      interval: 5,
    });
  };
  const snapshots = () => messages.flatMap((m) => (m.type === 'snapshot' ? [m.snapshot] : []));
  const exported = async (resume: boolean) => {
    await s.handle({ type: 'exportWeights', id: 9, resume });
    const answer = messages.findLast((m) => m.type === 'weights');
    if (answer?.type !== 'weights' || !answer.weights) throw new Error('no weights');
    return { weights: answer.weights, resume: answer.resume };
  };
  return { s, messages, run, snapshots, exported };
}

const at = (list: Snapshot[], step: number) => {
  const s = list.find((x) => x.step === step);
  if (!s) throw new Error(`no snapshot at step ${step}`);
  return s;
};
/** Largest difference between two snapshots' embeddings and gap metrics. */
const distance = (a: Snapshot, b: Snapshot) =>
  Math.max(
    ...Array.from(a.image, (v, i) => Math.abs(v - b.image[i])),
    ...Array.from(a.text, (v, i) => Math.abs(v - b.text[i])),
    Math.abs(a.metrics.gap - b.metrics.gap),
    Math.abs(a.metrics.alignment - b.metrics.alignment),
  );

beforeAll(async () => {
  await useNodeBackend('cpu');
});

describe('a run continued from saved weights', () => {
  let uninterrupted: Snapshot[];
  /** The interrupted run's last evaluation, at step 3. */
  let before: Snapshot;
  let saved: { weights: ModelWeights; resume: ResumeState | undefined };

  beforeAll(async () => {
    const whole = session();
    await whole.run(7);
    uninterrupted = whole.snapshots();
    const first = session();
    await first.run(3);
    saved = await first.exported(true);
    before = at(first.snapshots(), 3);
  }, 60_000);

  it('exports the step the run reached and its position, Adam’s state with it', () => {
    expect(saved.weights.step).toBe(3);
    expect(saved.resume?.position.step).toBe(3);
    const names = saved.resume?.optimizer.specs.map((s) => s.name) ?? [];
    expect(names[0]).toBe('iter');
    expect(names.filter((n) => n.endsWith('/m'))).toHaveLength(names.filter((n) => n.endsWith('/v')).length);
    expect(names.some((n) => /_\d+\//.test(n))).toBe(false); // no per-engine variable suffixes
  });

  it('numbers its steps on from the saved step and trains on exactly as the uninterrupted run (1e-5)', async () => {
    const resumed = session();
    await resumed.run(7, {
      weights: saved.weights,
      ...(saved.resume ? { resume: saved.resume } : {}),
      loss: before.loss,
    });
    const ready = resumed.messages.find((m) => m.type === 'ready');
    expect(ready?.type === 'ready' && ready.info.restored).toEqual({ step: 3, continued: true });
    const list = resumed.snapshots();
    // The evaluation of the restored weights at step 3, then the schedule's 4 and 6, and the target 7.
    expect(list.map((s) => s.step)).toEqual([3, 4, 6, 7]);
    expect(resumed.messages.at(-1)).toEqual({ type: 'finished', runId: 1, step: 7 });
    expect(distance(at(list, 3), before)).toBeLessThan(1e-5);
    expect(at(list, 3).loss).toBe(before.loss); // the loss curve goes on from the recorded training loss
    for (const step of [4, 6, 7])
      expect(distance(at(list, step), at(uninterrupted, step))).toBeLessThan(1e-5);
  }, 60_000);

  it('with the weights alone, counts on from their step but trains on with a fresh Adam and batches', async () => {
    const opened = session();
    await opened.run(7, { weights: saved.weights });
    const ready = opened.messages.find((m) => m.type === 'ready');
    expect(ready?.type === 'ready' && ready.info.restored).toEqual({ step: 3, continued: false });
    const list = opened.snapshots();
    expect(list.map((s) => s.step)).toEqual([3, 4, 6, 7]);
    expect(distance(at(list, 3), before)).toBeLessThan(1e-5); // the same weights
    expect(distance(at(list, 7), at(uninterrupted, 7))).toBeGreaterThan(1e-4); // another path from there
    // Its exported weights say how long they have been trained in all.
    expect((await opened.exported(false)).weights.step).toBe(7);
  }, 60_000);

  it('a run restored at or past its target is finished at once', async () => {
    const done = session();
    await done.run(3, { weights: saved.weights, ...(saved.resume ? { resume: saved.resume } : {}) });
    expect(done.messages.filter((m) => m.type !== 'progress').map((m) => m.type)).toEqual([
      'ready',
      'snapshot',
      'finished',
    ]);
    expect(done.messages.at(-1)).toEqual({ type: 'finished', runId: 1, step: 3 });
  }, 60_000);
});

describe('a paused run', () => {
  it('reports the step it stopped at last, though progress is throttled', async () => {
    const { s, messages, exported } = session();
    await s.handle({
      type: 'init',
      runId: 1,
      config,
      targetSteps: 100_000,
      play: true,
      backend: 'cpu',
      baseUrl: '',
    });
    await vi.waitFor(
      () => expect(messages.some((m) => m.type === 'snapshot' && m.snapshot.step >= 4)).toBe(true),
      {
        timeout: 20_000,
        interval: 5,
      },
    );
    // From here on every progress message but a forced one falls inside the throttle's interval.
    const frozen = performance.now();
    const clock = vi.spyOn(performance, 'now').mockReturnValue(frozen);
    await new Promise((resolve) => setTimeout(resolve, 50)); // a few chunks at the frozen clock
    await s.handle({ type: 'pause' });
    const settled = () => messages.findLast((m) => m.type === 'progress');
    // The loop ends after the chunk under way; wait until nothing more comes.
    let count = -1;
    await vi.waitFor(
      () => {
        const now = messages.length;
        const same = now === count;
        count = now;
        expect(same).toBe(true);
      },
      { timeout: 5_000, interval: 150 },
    );
    clock.mockRestore();
    const { weights } = await exported(false);
    expect(settled()).toMatchObject({ type: 'progress', step: weights.step });
  }, 60_000);
});
