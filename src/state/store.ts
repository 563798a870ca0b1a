/**
 * A minimal observable store (after zustand's vanilla store): plain state, setState merges, listeners
 * are told after each change. Knows nothing of React; ui/useStore.ts is the thin hook.
 */
export interface Store<S> {
  getState(): S;
  setState(patch: Partial<S> | ((state: S) => Partial<S>)): void;
  /** A plain function, not a method: React's useSyncExternalStore is handed it as it is. */
  subscribe: (listener: (state: S, previous: S) => void) => () => void;
}

export function createStore<S extends object>(initial: S): Store<S> {
  let state = initial;
  const listeners = new Set<(state: S, previous: S) => void>();
  return {
    getState: () => state,
    setState(patch) {
      const next = typeof patch === 'function' ? patch(state) : patch;
      if (
        Object.keys(next).every((k) =>
          Object.is((state as Record<string, unknown>)[k], (next as Record<string, unknown>)[k]),
        )
      )
        return;
      const previous = state;
      state = { ...state, ...next };
      for (const listener of listeners) listener(state, previous);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
