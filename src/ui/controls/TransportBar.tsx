import { useController } from '../controllerContext';
import { useStore } from '../useStore';

/** Play / pause, one step, reset, and the step counter (Playground-style). */
export function TransportBar() {
  const c = useController();
  const status = useStore(c.run, (s) => s.status);
  const step = useStore(c.run, (s) => s.step);
  const pairsPerSecond = useStore(c.run, (s) => s.pairsPerSecond);
  const running = status === 'running';
  const busy = status === 'starting';
  return (
    <div className="transport" role="toolbar" aria-label="Training controls">
      <button
        type="button"
        className="icon-button"
        data-testid="reset"
        onClick={c.resetRun}
        aria-label="Reset: new weights, step 0"
        title="Reset (R)"
      >
        ↺
      </button>
      {running ? (
        <button
          type="button"
          className="play-button"
          data-testid="pause"
          onClick={c.pauseTraining}
          aria-label="Pause training"
          title="Pause (Space)"
        >
          ❚❚
        </button>
      ) : (
        <button
          type="button"
          className="play-button"
          data-testid="play"
          onClick={c.startTraining}
          disabled={busy || status === 'error'}
          aria-label={status === 'finished' ? 'Continue training for another Steps' : 'Start training'}
          title="Play (Space)"
        >
          ▶
        </button>
      )}
      <button
        type="button"
        className="icon-button"
        data-testid="step"
        onClick={c.stepOnce}
        disabled={running || busy || status === 'error'}
        aria-label="Train one step"
        title="One step (S)"
      >
        ⇥
      </button>
      <div className="step-readout" aria-live="off">
        <span className="label">Step</span>
        <span className="value" data-testid="step-count">
          {step}
        </span>
        {running && pairsPerSecond > 0 ? (
          <span className="rate">{Math.round(pairsPerSecond)} pairs/s</span>
        ) : null}
        {status === 'finished' ? (
          <span className="rate" data-testid="finished">
            finished: Play trains on
          </span>
        ) : null}
      </div>
    </div>
  );
}
