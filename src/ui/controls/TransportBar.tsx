import { useEffect, useState } from 'react';
import { useController } from '../controllerContext';
import { useStore } from '../useStore';
import { liveRate, playLabel, rateLine } from './transportText';

/** How often the rate is re-read while training, so a stalled worker's rate falls on screen. */
const RATE_TICK_MS = 1000;

/** The page's clock, re-read every `ms` while `on`. */
function useClock(on: boolean, ms: number): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!on) return;
    const id = setInterval(() => setNow(performance.now()), ms);
    return () => clearInterval(id);
  }, [on, ms]);
  return now;
}

/** Play / pause, one step, reset, and the step counter (Playground-style), each button named in words. */
export function TransportBar() {
  const c = useController();
  const status = useStore(c.run, (s) => s.status);
  const step = useStore(c.run, (s) => s.step);
  const pairsPerSecond = useStore(c.run, (s) => s.pairsPerSecond);
  const rateSince = useStore(c.run, (s) => s.rateSince);
  const running = status === 'running';
  const busy = status === 'starting';
  const now = Math.max(useClock(running, RATE_TICK_MS), rateSince?.at ?? 0);
  const rate = rateLine(status, liveRate(pairsPerSecond, rateSince, now));
  return (
    <div className="transport" role="toolbar" aria-label="Training controls">
      <button
        type="button"
        className="icon-button"
        data-testid="reset"
        onClick={() => c.resetRun()}
        title="New weights, step 0 (R)"
      >
        <span aria-hidden="true">↺</span> Reset
      </button>
      {running ? (
        <button
          type="button"
          className="play-button"
          data-testid="pause"
          onClick={() => c.pauseTraining()}
          title="Pause training (Space)"
        >
          <span aria-hidden="true">❚❚</span> Pause
        </button>
      ) : (
        <button
          type="button"
          className="play-button"
          data-testid="play"
          onClick={() => c.startTraining()}
          disabled={busy || status === 'error'}
          title={status === 'finished' ? 'Train for another Steps (Space)' : 'Start training (Space)'}
        >
          <span aria-hidden="true">▶</span> {playLabel(status)}
        </button>
      )}
      <button
        type="button"
        className="icon-button"
        data-testid="step"
        onClick={() => c.stepOnce()}
        disabled={running || busy || status === 'error'}
        title="Train one step (S)"
      >
        <span aria-hidden="true">⇥</span> Step
      </button>
      <div className="step-readout" aria-live="off">
        <span className="label">Step</span>
        <span className="value" data-testid="step-count">
          {step}
        </span>
        {rate ? (
          <span
            className="rate"
            data-testid={status === 'finished' ? 'finished' : 'rate'}
            title="Measured: pairs trained (steps × batch) per second of wall time over the last 10 s, evaluations and the shared space's codes included"
          >
            {rate}
          </span>
        ) : null}
      </div>
    </div>
  );
}
