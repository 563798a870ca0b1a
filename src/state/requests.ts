/**
 * Requests to the worker that are answered by id (searches, weights, inspections): each ask takes a
 * fresh id and returns a promise of its answer.
 */
export interface Requests<T> {
  /** Takes the next id, sends the request with it and waits for the answer. */
  ask(send: (id: number) => void): Promise<T>;
  /** The id of the latest ask (an older answer may be stale). */
  latest(): number;
  /** Settles the ask with this id: an Error rejects it. Unknown ids (already settled) are ignored. */
  answer(id: number, result: T | Error): void;
  /** Settles every waiting ask the same way (e.g. when the worker failed). */
  abandon(result: T | Error): void;
}

export function createRequests<T>(): Requests<T> {
  let last = 0;
  const waiting = new Map<number, { resolve: (value: T) => void; reject: (e: Error) => void }>();
  const settle = (id: number, result: T | Error) => {
    const w = waiting.get(id);
    waiting.delete(id);
    if (result instanceof Error) w?.reject(result);
    else w?.resolve(result);
  };
  return {
    ask(send) {
      const id = ++last;
      const answer = new Promise<T>((resolve, reject) => waiting.set(id, { resolve, reject }));
      send(id);
      return answer;
    },
    latest: () => last,
    answer: settle,
    abandon(result) {
      for (const id of [...waiting.keys()]) settle(id, result);
    },
  };
}
