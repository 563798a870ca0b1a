import { describe, expect, it } from 'vitest';
import { LiveInspection, type InspectionAnswer } from '../../../src/ui/frameworks/liveInspection';
import type { InspectRequest } from '../../../src/core/frameworks/framework';

/** A LiveInspection on a hand-driven clock, with the worker's answers released by the test. */
function harness(minIntervalMs = 500) {
  let now = 0;
  const timers: { at: number; run: () => void }[] = [];
  const sent: { request: InspectRequest; resolve: (a: InspectionAnswer) => void }[] = [];
  const answers: InspectionAnswer[] = [];
  const live = new LiveInspection({
    send: (request) => new Promise((resolve) => sent.push({ request, resolve })),
    onAnswer: (a) => answers.push(a),
    minIntervalMs,
    now: () => now,
    setTimer: (run, ms) => {
      const t = { at: now + ms, run };
      timers.push(t);
      return t;
    },
    clearTimer: (t) => timers.splice(timers.indexOf(t as (typeof timers)[number]), 1),
  });
  return {
    live,
    sent,
    answers,
    /** Moves the clock and runs the timers that fall due. */
    advance(ms: number) {
      now += ms;
      for (const t of timers.filter((x) => x.at <= now)) {
        timers.splice(timers.indexOf(t), 1);
        t.run();
      }
    },
    /** Answers the oldest unanswered request and lets its promise settle. */
    async answer(step: number) {
      const next = sent.find((s) => !(s as { done?: boolean }).done) as (typeof sent)[number] & {
        done?: boolean;
      };
      next.done = true;
      next.resolve({ step, inspection: { kind: 'test' } });
      await Promise.resolve();
      await Promise.resolve();
    },
  };
}

describe('live inspection', () => {
  it('asks nothing until it is active and has a request', () => {
    const h = harness();
    h.live.refresh();
    h.live.setRequest({ pairs: [0] });
    expect(h.sent).toHaveLength(0);
    h.live.setActive(true);
    expect(h.sent.map((s) => s.request)).toEqual([{ pairs: [0] }]);
  });

  it('keeps one request in flight and collapses what arrives meanwhile into one more', async () => {
    const h = harness();
    h.live.setActive(true);
    h.live.setRequest({ pairs: [0] });
    h.live.refresh();
    h.live.refresh();
    h.live.setRequest({ pairs: [1] });
    expect(h.sent).toHaveLength(1);
    h.advance(600);
    await h.answer(10);
    expect(h.answers.map((a) => a.step)).toEqual([10]);
    // The interval has passed: the latest request goes at once, and only once.
    expect(h.sent.map((s) => s.request)).toEqual([{ pairs: [0] }, { pairs: [1] }]);
    await h.answer(20);
    expect(h.sent).toHaveLength(2);
  });

  it('waits out the minimum interval, and stops asking when inactive or disposed', async () => {
    const h = harness(500);
    h.live.setActive(true);
    h.live.setRequest({ pairs: [0] });
    await h.answer(1);
    h.live.refresh();
    expect(h.sent).toHaveLength(1);
    h.advance(499);
    expect(h.sent).toHaveLength(1);
    h.advance(1);
    expect(h.sent).toHaveLength(2);
    await h.answer(2);
    h.live.setActive(false);
    h.advance(1000);
    h.live.refresh();
    expect(h.sent).toHaveLength(2);
    h.live.setActive(true);
    expect(h.sent).toHaveLength(3);
    h.live.dispose();
    await h.answer(3);
    expect(h.answers.map((a) => a.step)).toEqual([1, 2]);
  });
});
