import { useController } from '../controllerContext';
import { useStore } from '../useStore';
import { playLabel, rateLine } from './transportText';

/** Play / pause, one step, reset, and the step counter (Playground-style), each button named in words. */
export function TransportBar() {
  const c = useController();
  const status = useStore(c.run, (s) => s.status);
  const step = useStore(c.run, (s) => s.step);
  const pairsPerSecond = useStore(c.run, (s) => s.pairsPerSecond);
  const running = status === 'running';
  const busy = status === 'starting';
  const rate = rateLine(status, pairsPerSecond);
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
