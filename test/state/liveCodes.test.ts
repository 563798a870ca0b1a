import { describe, expect, it } from 'vitest';
import { createController } from '../../src/state/controller';
import type { LiveCodes } from '../../src/training/liveCodes';
import { FakeWorker, ready, snapshotMessage } from './fakeWorker';

function setup() {
  const worker = new FakeWorker();
  const location = { hash: '', href: 'http://localhost/app/', pathname: '/app/', search: '' };
  const c = createController(location, { replaceState: () => undefined }, { client: worker, runStore: null });
  return { c, worker };
}

const live = (runId: number, step: number): LiveCodes => ({
  runId,
  step,
  dim: 1,
  image: new Float32Array([1, 1]),
  text: new Float32Array([1, -1]),
});

describe('live codes in the controller', () => {
  it("are kept for the shown run's shared space only, not in its record, and cleared with the run", () => {
    const { c, worker } = setup();
    worker.push(ready(1), snapshotMessage(1, 0));
    const records = c.runs.getState();
    const codes = live(1, 7);
    worker.push({ type: 'codes', runId: 1, live: codes });
    expect(c.run.getState().live).toBe(codes);
    expect(c.runs.getState()).toBe(records); // the runs list does not change (nor re-render)
    // A replaced run's late codes are not shown as the new run's.
    c.updateConfig({ seed: 9 });
    expect(c.run.getState()).toMatchObject({ runId: 2, live: null });
    worker.push({ type: 'codes', runId: 1, live: live(1, 8) });
    expect(c.run.getState().live).toBeNull();
  });
});
