/**
 * What can go wrong when saving in the browser, in words a user can act on. Every failure of the
 * database becomes a StorageError whose message says what happened and that nothing saved before was
 * lost (writes are whole transactions: a failed one changes nothing).
 */
export type StorageProblem = 'quota' | 'unavailable' | 'blocked' | 'missing' | 'other';

export class StorageError extends Error {
  constructor(
    readonly problem: StorageProblem,
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

const KEPT = 'Everything saved before is still there.';

export const STORAGE_MESSAGES: Readonly<Record<Exclude<StorageProblem, 'missing' | 'other'>, string>> = {
  quota:
    `This browser’s storage for the Playground is full, so this was not saved. ${KEPT} ` +
    'Delete saved datasets or models you no longer need, or allow the site more storage, and try again.',
  unavailable:
    'Saving is not available in this window (private browsing, or site storage is blocked in the ' +
    'browser’s settings). You can keep working, but nothing will survive a reload.',
  blocked:
    'The Playground’s storage is held by another tab with an older version of the app. Close or ' +
    `reload the other Playground tabs and try again. ${KEPT}`,
};

/** The DOMException names an error carries: its own, and its cause's when it is a transaction's abort. */
function errorNames(e: unknown): string[] {
  if (!e || typeof e !== 'object') return [];
  const named = e as { name?: unknown; error?: { name?: unknown }; target?: { error?: { name?: unknown } } };
  return [named.name, named.error?.name, named.target?.error?.name].filter(
    (n): n is string => typeof n === 'string',
  );
}

/** Maps anything the database threw to a StorageError (passing StorageErrors through). */
export function toStorageError(e: unknown, doing: string): StorageError {
  if (e instanceof StorageError) return e;
  const names = errorNames(e);
  if (names.includes('QuotaExceededError')) return new StorageError('quota', STORAGE_MESSAGES.quota);
  if (names.some((n) => n === 'InvalidStateError' || n === 'SecurityError' || n === 'UnknownError'))
    return new StorageError('unavailable', STORAGE_MESSAGES.unavailable);
  const detail = e instanceof Error && e.message ? e.message : String(e);
  return new StorageError('other', `Could not ${doing}: ${detail.slice(0, 200)}. ${KEPT}`);
}
