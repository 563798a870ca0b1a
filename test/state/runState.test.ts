import { describe, expect, it } from 'vitest';
import { appendSnapshot, MAX_SNAPSHOTS, shownSnapshot, type RunState } from '../../src/state/runState';
import { createStore } from '../../src/state/store';
import type { Snapshot } from '../../src/training/protocol';

const snap = (step: number) => ({ step }) as Snapshot;

describe('the run timeline', () => {
  it('keeps every snapshot up to the cap, then thins the older half to every other one', () => {
    let list: Snapshot[] = [];
    for (let s = 0; s < MAX_SNAPSHOTS; s++) list = appendSnapshot(list, snap(s));
    expect(list.map((x) => x.step)).toEqual(Array.from({ length: MAX_SNAPSHOTS }, (_, i) => i));
    list = appendSnapshot(list, snap(MAX_SNAPSHOTS));
    // 241 entries -> older 120 thinned to 60, newer 121 kept: the first and the latest survive.
    expect(list).toHaveLength(60 + 121);
    expect(list[0].step).toBe(0);
    expect(list[1].step).toBe(2);
    expect(list.at(-1)!.step).toBe(MAX_SNAPSHOTS);
  });

  it('shows the scrubbed snapshot, or the latest when live', () => {
    const state = { snapshots: [snap(0), snap(25), snap(50)], scrub: null } as unknown as RunState;
    expect(shownSnapshot(state)?.step).toBe(50);
    expect(shownSnapshot({ ...state, scrub: 1 })?.step).toBe(25);
    expect(shownSnapshot({ ...state, snapshots: [] })).toBeNull();
  });
});

describe('the store', () => {
  it('merges patches, notifies with the previous state, and skips no-op updates', () => {
    const store = createStore({ a: 1, b: 'x' });
    const seen: [number, number][] = [];
    const off = store.subscribe((s, prev) => seen.push([s.a, prev.a]));
    store.setState({ a: 2 });
    store.setState((s) => ({ a: s.a + 1 }));
    store.setState({ a: 3 }); // unchanged: no notification
    off();
    store.setState({ a: 9 });
    expect(seen).toEqual([
      [2, 1],
      [3, 2],
    ]);
    expect(store.getState()).toEqual({ a: 9, b: 'x' });
  });
});
