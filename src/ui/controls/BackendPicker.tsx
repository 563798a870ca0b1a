import { useId } from 'react';
import { BACKEND_LABELS, BROWSER_BACKENDS, type BackendChoice } from '../../training/backendInfo';
import { useController } from '../controllerContext';
import { useStore } from '../useStore';

/** Shows the active backend and adapter, and lets the user pick another (or automatic choice). */
export function BackendPicker() {
  const c = useController();
  const id = useId();
  const choice = useStore(c.run, (s) => s.backendChoice);
  const info = useStore(c.run, (s) => s.info);
  const active = info?.backends.find((b) => b.name === info.backend);
  return (
    <div className="backend-picker">
      <label htmlFor={id}>Backend</label>
      <select
        id={id}
        data-testid="backend-choice"
        value={choice}
        onChange={(e) => c.chooseBackend(e.target.value as BackendChoice)}
      >
        <option value="auto">Automatic</option>
        {BROWSER_BACKENDS.map((name) => {
          const b = info?.backends.find((x) => x.name === name);
          const why = b && (!b.available ? b.note : b.unsupported);
          return (
            <option key={name} value={name} disabled={Boolean(why)} title={why ?? undefined}>
              {BACKEND_LABELS[name]}
              {why ? ' (unavailable)' : ''}
            </option>
          );
        })}
      </select>
      <span
        className="backend-active"
        data-testid="backend"
        data-backend={info?.backend ?? ''}
        title={info?.backendReason}
      >
        {info ? BACKEND_LABELS[info.backend] : '…'}
      </span>
      {active?.adapter ? <span className="backend-adapter">{active.adapter}</span> : null}
    </div>
  );
}
