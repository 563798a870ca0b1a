/**
 * An in-memory IndexedDB (fake-indexeddb) whose writes can fail the way a browser's do: a store with a
 * byte quota, where a write past it fails its request with a QuotaExceededError and so aborts (and rolls
 * back) its whole transaction; and a tab that goes away in the middle of a write, which aborts the open
 * transaction. Import this before the code under test touches `indexedDB`.
 */
import 'fake-indexeddb/auto';

/** fake-indexeddb's internal hook that queues a request's operation (the write itself). */
interface ExecTarget {
  _execRequestAsync: (this: ExecTarget, request: { operation: () => unknown }) => IDBRequest;
}

/** Rough stored size of a value: its binary buffers plus 2 bytes per character of everything else. */
function sizeOf(value: unknown): number {
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (typeof value === 'string') return value.length * 2;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + sizeOf(v), 0);
  if (value && typeof value === 'object')
    return Object.values(value).reduce((n: number, v) => n + sizeOf(v), 0);
  return 8;
}

export interface FaultyStorage {
  /** Bytes written so far by committed and pending writes (an estimate, see sizeOf). */
  readonly used: () => number;
  /** From now on, a write that would take the total past `bytes` fails with QuotaExceededError. */
  setQuota(bytes: number): void;
  /** The next write to `store` aborts its transaction before it lands, as closing the tab does. */
  closeTabDuringWriteTo(store: string): void;
  /** Undoes the patch. */
  restore(): void;
}

export function faultyStorage(): FaultyStorage {
  let quota = Infinity;
  let used = 0;
  let closeOn: string | null = null;
  // The prototype's own write functions, called with the store as `this` and put back by restore().
  const saved = Object.getOwnPropertyDescriptors(IDBObjectStore.prototype);
  const originalAdd = saved.add.value;
  const originalPut = saved.put.value;
  if (!originalAdd || !originalPut) throw new Error('this IndexedDB has no add and put to patch');
  const write = (original: IDBObjectStore['add']) =>
    function (this: IDBObjectStore, value: unknown, key?: IDBValidKey): IDBRequest<IDBValidKey> {
      const transaction = this.transaction;
      const closing = closeOn === this.name;
      if (closing) closeOn = null;
      const size = sizeOf(value);
      const target = transaction as unknown as ExecTarget;
      const exec = target._execRequestAsync;
      // Wrap this one write's operation: it runs when the transaction gets to it, as a browser's does.
      target._execRequestAsync = (request) => {
        target._execRequestAsync = exec;
        return exec.call(target, {
          ...request,
          operation: () => {
            // The page went away: this write never lands, and the transaction is rolled back.
            if (closing) throw new DOMException('The page was closed.', 'AbortError');
            if (used + size > quota)
              throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
            const result = request.operation();
            used += size;
            transaction.addEventListener('abort', () => (used -= size));
            return result;
          },
        });
      };
      return original.call(this, value, key);
    };
  IDBObjectStore.prototype.add = write(originalAdd);
  IDBObjectStore.prototype.put = write(originalPut);
  return {
    used: () => used,
    setQuota: (bytes) => void (quota = bytes),
    closeTabDuringWriteTo: (store) => void (closeOn = store),
    restore: () => {
      IDBObjectStore.prototype.add = originalAdd;
      IDBObjectStore.prototype.put = originalPut;
    },
  };
}
