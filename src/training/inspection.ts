/**
 * Inspections on the worker's side: which evaluation pairs every snapshot inspects, running a model's
 * inspect() on the trainer's data, and finding the typed arrays of a result to transfer.
 */
import type { InspectRequest, Inspection } from '../core/frameworks/framework';
import type { Trainer } from './trainer';

/** Evaluation pairs inspected at every snapshot (half seen, half held-out), shown over training time. */
export const PROBE_PAIRS = 4;

/**
 * A fixed probe set: the first count/2 pairs of seen combinations and the first count/2 of held-out ones,
 * so a view over training time shows generalisation beside memory. When one split is short, the other
 * fills in. Returns the seen indices, then the held-out ones. heldOut: [size] 0/1, or undefined (all seen).
 */
export function probePairs(heldOut: ArrayLike<number> | undefined, size: number, count: number): number[] {
  const seen: number[] = [];
  const held: number[] = [];
  for (let i = 0; i < size; i++) (heldOut?.[i] === 1 ? held : seen).push(i);
  const half = Math.ceil(count / 2);
  const fromHeld = Math.min(held.length, count - Math.min(half, seen.length));
  const fromSeen = Math.min(seen.length, count - fromHeld);
  return [...seen.slice(0, fromSeen), ...held.slice(0, fromHeld)];
}

/** The trainer's model inspected on its current weights; null when the framework has no inspect(). */
export async function inspectTrainer(trainer: Trainer, request: InspectRequest): Promise<Inspection | null> {
  if (!trainer.model.inspect) return null;
  return trainer.model.inspect({
    ...request,
    evalData: trainer.evalData,
    seqLength: trainer.seqLength,
    ...(trainer.dataset.schema ? { schema: trainer.dataset.schema } : {}),
  });
}

/**
 * The buffers of the typed arrays inside a JSON-like value, each once, for a postMessage transfer list.
 * Only arrays that span their whole buffer are listed: a view into a larger buffer (say, a dataset's
 * column) is copied by the structured clone instead, so transferring never detaches data the worker keeps.
 */
export function typedArrayBuffers(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const visit = (v: unknown, depth: number): void => {
    if (v === null || typeof v !== 'object' || depth > 16) return;
    if (ArrayBuffer.isView(v)) {
      const buffer = v.buffer;
      if (buffer instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === buffer.byteLength)
        found.add(buffer);
      return;
    }
    for (const child of Array.isArray(v) ? v : Object.values(v)) visit(child, depth + 1);
  };
  visit(value, 0);
  return [...found];
}
