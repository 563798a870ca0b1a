import { useId } from 'react';
import { useController } from '../controllerContext';
import { useStore } from '../useStore';

/** Replays the run: a scrubber over the evaluations so far; "Live" follows training again. */
export function Timeline() {
  const c = useController();
  const id = useId();
  const count = useStore(c.run, (s) => s.snapshots.length);
  const scrub = useStore(c.run, (s) => s.scrub);
  const step = useStore(c.run, (s) => s.snapshots[s.scrub ?? s.snapshots.length - 1]?.step ?? 0);
  const index = scrub ?? Math.max(0, count - 1);
  return (
    <div className="timeline">
      <label htmlFor={id}>Timeline</label>
      <input
        id={id}
        data-testid="timeline"
        type="range"
        min={0}
        max={Math.max(0, count - 1)}
        value={index}
        disabled={count < 2}
        aria-valuetext={`step ${step}`}
        onChange={(e) => {
          const i = Number(e.target.value);
          c.scrubTo(i >= count - 1 ? null : i);
        }}
      />
      <span className="timeline-step">step {step}</span>
      <button type="button" className="secondary" disabled={scrub === null} onClick={() => c.scrubTo(null)}>
        Live
      </button>
    </div>
  );
}
