import type { LibraryState } from '../../state/persistence/dataLibrary';
import { useStore } from '../useStore';
import { useLibrary } from './useLibrary';

/** The library's last confirmation, problem and storage warning, shown where the action was taken. */
export function LibraryMessages({ scope }: { scope: LibraryState['scope'] }) {
  const lib = useLibrary();
  const here = useStore(lib.state, (s) => s.scope === scope);
  const problem = useStore(lib.state, (s) => s.problem);
  const storageMessage = useStore(lib.state, (s) => s.storageMessage);
  const status = useStore(lib.state, (s) => s.status);
  if (!here) return null;
  return (
    <div className="library-messages" aria-live="polite">
      {problem ? (
        <p className="notice notice-error" role="alert" data-testid="data-problem">
          {problem}
        </p>
      ) : null}
      {storageMessage ? (
        <p className="notice notice-warn" role="alert" data-testid="storage-message">
          {storageMessage}
        </p>
      ) : null}
      {status ? (
        <p className="data-status" data-testid="data-status">
          {status}
        </p>
      ) : null}
    </div>
  );
}
