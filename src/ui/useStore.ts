import { useSyncExternalStore } from 'react';
import type { Store } from '../state/store';

/** Subscribes a component to a slice of a store; re-renders only when the slice changes (Object.is). */
export function useStore<S extends object, T>(store: Store<S>, select: (state: S) => T): T {
  return useSyncExternalStore(
    store.subscribe,
    () => select(store.getState()),
    () => select(store.getState()),
  );
}
