import type { LibraryState } from '../../state/persistence/dataLibrary';

const PHASES = {
  reading: 'Reading files',
  checking: 'Checking files and captions',
  decoding: 'Decoding images',
  saving: 'Saving in this browser',
} as const;

/** The running import: a labelled progress bar and a cancel button. */
export function ImportProgress({
  progress,
  onCancel,
}: {
  progress: NonNullable<LibraryState['progress']>;
  onCancel: () => void;
}) {
  const { phase, done, total } = progress;
  const label = `${PHASES[phase]}${total > 1 ? `: ${done} of ${total}` : '…'}`;
  return (
    <div className="import-progress" data-testid="import-progress" role="status">
      <label>
        <span>{label}</span>
        <progress max={Math.max(1, total)} value={done} aria-valuetext={label} />
      </label>
      {phase !== 'saving' ? (
        <button type="button" className="secondary" data-testid="import-cancel" onClick={onCancel}>
          Cancel
        </button>
      ) : null}
    </div>
  );
}
