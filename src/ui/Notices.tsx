import { useController } from './controllerContext';
import { useStore } from './useStore';

/** URL problems, divergence and errors, in plain words, each dismissible or actionable. */
export function Notices() {
  const c = useController();
  const notice = useStore(c.run, (s) => s.notice);
  const stopReason = useStore(c.run, (s) => s.stopReason);
  const error = useStore(c.run, (s) => s.error);
  return (
    <div className="notices" aria-live="polite">
      {notice ? (
        <div className="notice notice-info" role="status" data-testid="notice">
          <span>{notice}</span>
          <button type="button" onClick={() => c.dismissNotice()} aria-label="Dismiss notice">
            ×
          </button>
        </div>
      ) : null}
      {stopReason ? (
        <div className="notice notice-warn" role="alert" data-testid="stop-reason">
          {stopReason}
        </div>
      ) : null}
      {error ? (
        <div className="notice notice-error" role="alert" data-testid="error">
          {error}
        </div>
      ) : null}
    </div>
  );
}
