import type { LibraryState } from '../../state/persistence/dataLibrary';

const PHASES = {
  reading: 'Reading files',
  loading: 'Reading the archive',
  unpacking: 'Unpacking the archive',
  checking: 'Checking files and captions',
  decoding: 'Decoding images',
  saving: 'Saving in this browser',
} as const;

/** Files as counted; a large file's or an archive's bytes in MB (one decimal). */
function amount(phase: keyof typeof PHASES, n: number): string {
  return phase === 'unpacking' || phase === 'loading'
    ? `${(n / 1e6).toFixed(1)} MB`
    : n.toLocaleString('en-US');
}

/** The running import: a labelled progress bar and a cancel button. */
export function ImportProgress({
  progress,
  onCancel,
}: {
  progress: NonNullable<LibraryState['progress']>;
  onCancel: () => void;
}) {
  const { phase, done, total } = progress;
  const label = `${PHASES[phase]}${total > 1 ? `: ${amount(phase, done)} of ${amount(phase, total)}` : '…'}`;
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
