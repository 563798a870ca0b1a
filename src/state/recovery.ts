/**
 * What the page does after the training worker crashed or its backend failed (see WorkerFault): which
 * backend the new worker trains on, and the notice that says plainly what happened and what was lost.
 */
import type { RunInfo, WorkerFault } from '../training/protocol';
import { BACKEND_LABELS, type BackendChoice, type BackendName } from '../training/backendInfo';

/** Recoveries in a row without the run getting past its kept step; then the failure is the run's error. */
export const MAX_RECOVERIES = 3;

/** The backends to fall back on, in order: WebAssembly is the steadiest (no device to lose). */
const FALLBACK_ORDER: readonly BackendName[] = ['wasm', 'webgl', 'cpu'];

/**
 * The backend to go on with after `failed` failed: the first of WebAssembly, WebGL and plain JS that the
 * worker found usable for this model (plain JS, which always runs, when nothing is known).
 */
export function fallbackBackend(
  info: Pick<RunInfo, 'backends'> | null,
  failed: BackendName | undefined,
): BackendName {
  const usable = (name: BackendName) =>
    !info || info.backends.some((b) => b.name === name && b.available && !b.unsupported);
  return FALLBACK_ORDER.find((name) => name !== failed && usable(name)) ?? 'cpu';
}

export interface FaultReport {
  fault: WorkerFault;
  /** The worker's or the browser's own words. */
  message: string;
  /** The step the run had reached when it failed. */
  reachedStep: number;
  /** The step of the last kept state it goes on from (null: nothing was kept yet, it starts again). */
  keptStep: number | null;
  /** The backend it failed on, and the one it goes on with when that changed. */
  failedBackend?: BackendName | undefined;
  nextBackend?: BackendChoice | undefined;
}

/**
 * The notice after a recovery, e.g. "The WebGPU device was lost (destroyed). Training goes on in a new
 * worker on WebAssembly from step 400, the last kept state: steps 401–480 are retrained. …".
 */
export function recoveryNotice(r: FaultReport): string {
  const what =
    r.fault === 'backend'
      ? r.message
      : `The training worker crashed${r.failedBackend ? ` on ${BACKEND_LABELS[r.failedBackend]}` : ''}: ${r.message}`;
  const where =
    r.nextBackend && r.nextBackend !== 'auto' && r.nextBackend !== r.failedBackend
      ? ` on ${BACKEND_LABELS[r.nextBackend]}`
      : '';
  if (r.keptStep === null)
    return (
      `${stop(what)} Training starts again in a new worker${where} from step 0: ` +
      `nothing had been kept yet, so steps 1–${r.reachedStep} are retrained.`
    );
  const lost =
    r.reachedStep > r.keptStep
      ? `steps ${r.keptStep + 1}–${r.reachedStep} are retrained`
      : 'no training was lost';
  return (
    `${stop(what)} Training goes on in a new worker${where} from step ${r.keptStep}, the last kept state ` +
    `(weights, optimiser and metric history): ${lost}. Embeddings of earlier steps are not kept.`
  );
}

/** Ends a sentence once. */
const stop = (s: string) => (/[.!?]$/.test(s) ? s : `${s}.`);
