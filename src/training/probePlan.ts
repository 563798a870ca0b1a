import { BACKEND_LABELS, type BackendAvailability } from './backendInfo';

/** Backends timed in this order: the usual winner on machines without a GPU first, so the cut-off bites. */
const PROBE_ORDER = ['wasm', 'webgpu', 'webgl', 'cpu'] as const;

/**
 * Which usable backends an automatic choice times, in order, and which it leaves out. A hardware WebGPU
 * adapter is timed like the rest, never assumed faster: at the default batch a step is ~225 small
 * dispatches, and on an H100 through Dawn it took ~110 ms against ~22 ms on 2-core WASM. Emulations are not
 * worth the class's wait where WebAssembly can train the model: a software WebGPU adapter, software WebGL
 * (SwiftShader: 4-6x slower than WASM on every default model, and ~2 s to compile its shaders) and plain
 * JavaScript (17-23x slower, ~1.7 s for its first step). They are timed only if WASM fails to start.
 */
export function probePlan(usable: readonly BackendAvailability[]): {
  timed: BackendAvailability[];
  notTimed: BackendAvailability[];
} {
  const wasmUsable = usable.some((c) => c.name === 'wasm');
  const notTimed = usable.filter(
    (c) =>
      (c.name === 'webgpu' && c.fallbackAdapter) ||
      (wasmUsable && ((c.name === 'webgl' && c.softwareRenderer) || c.name === 'cpu')),
  );
  const timed = usable
    .filter((c) => !notTimed.includes(c))
    .sort((a, b) => PROBE_ORDER.indexOf(a.name) - PROBE_ORDER.indexOf(b.name));
  return { timed, notTimed };
}

/** Why an automatic choice did not time a backend, in a few words. */
export function notTimedWhy(c: BackendAvailability): string {
  if (c.name === 'webgpu') return 'its adapter is a software fallback';
  if (c.name === 'webgl') return 'which renders in software here';
  return 'always slower than WebAssembly';
}

/**
 * A warm-up step (the first, which compiles shaders / kernels) this many times the best time per step
 * found so far, on top of a one-time compile allowance, rules a backend out without timing it further:
 * it would have to become that much faster once compiled to win, and the class waits.
 */
export const WARMUP_CUTOFF = 20;
/** Milliseconds of a warm-up step granted to compiling, so a GPU's shader compile alone does not rule it out. */
export const COMPILE_ALLOWANCE_MS = 1000;

/** True when a warm-up step of `warmUpMs` leaves no chance of beating `bestSoFar` ms per step. */
export function warmUpRulesOut(warmUpMs: number, bestSoFar: number): boolean {
  return warmUpMs > WARMUP_CUTOFF * bestSoFar + COMPILE_ALLOWANCE_MS;
}

/** One backend's probe: milliseconds per step, or only its warm-up step when that ruled it out. */
export interface ProbeTiming {
  msPerStep: number;
  /** True when `msPerStep` is the warm-up step alone (compiling included) and timing stopped there. */
  warmUpOnly?: boolean;
}

/** Times one backend given the best ms per step so far (for the cut-off); null when it would not start. */
export type TimeBackend = (c: BackendAvailability, bestSoFar: number) => Promise<ProbeTiming | null>;

export interface ProbeOutcome {
  /** The backends that were timed and ran, fastest first, each with `msPerStep` set. */
  ranked: BackendAvailability[];
  /** Those ruled out by their warm-up step alone. */
  warmUpOnly: Set<BackendAvailability>;
  /** Usable backends the plan left out (empty when they had to be timed after all). */
  notTimed: BackendAvailability[];
}

/**
 * Runs the probe plan: times each planned backend in order (a hardware WebGPU against WebAssembly
 * included), and the left-out emulations only if none of the planned ones started. Backends that would
 * not start are marked unavailable.
 */
export async function probeBackends(
  usable: readonly BackendAvailability[],
  time: TimeBackend,
): Promise<ProbeOutcome> {
  const plan = probePlan(usable);
  const warmUpOnly = new Set<BackendAvailability>();
  const timeAll = async (backends: BackendAvailability[]) => {
    let fastest = Infinity;
    for (const c of backends) {
      const t = await time(c, fastest);
      if (!t) {
        c.available = false;
        continue;
      }
      c.msPerStep = t.msPerStep;
      if (t.warmUpOnly) warmUpOnly.add(c);
      else fastest = Math.min(fastest, t.msPerStep);
    }
    return backends
      .filter((c) => c.available && c.msPerStep !== undefined)
      .sort((a, b) => Number(warmUpOnly.has(a)) - Number(warmUpOnly.has(b)) || a.msPerStep! - b.msPerStep!);
  };
  let ranked = await timeAll(plan.timed);
  let notTimed = plan.notTimed;
  if (!ranked.length && notTimed.length) {
    // WASM would not start: the emulations are all there is.
    ranked = await timeAll(notTimed);
    notTimed = [];
  }
  return { ranked, warmUpOnly, notTimed };
}

/** Milliseconds the way a reason prints them: whole above 10, one decimal below. */
function ms(value: number): string {
  return value >= 10 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1);
}

/**
 * The sentence that says what was measured and what it chose, e.g. "Measured on this model: WebGPU
 * 110 ms/step, WebAssembly 22 ms/step: WebAssembly." Backends are listed in the order they were timed;
 * `ranked[0]` is the choice.
 */
export function probeReason(outcome: ProbeOutcome): string {
  const best = outcome.ranked[0];
  if (!best) return 'Only the plain JavaScript backend could start.';
  const order = (c: BackendAvailability) => PROBE_ORDER.indexOf(c.name);
  const timings = [...outcome.ranked]
    .sort((a, b) => order(a) - order(b))
    .map((c) =>
      outcome.warmUpOnly.has(c)
        ? `${BACKEND_LABELS[c.name]} ${ms(c.msPerStep!)} ms for its first step (not timed further)`
        : `${BACKEND_LABELS[c.name]} ${ms(c.msPerStep!)} ms/step`,
    );
  const skipped = outcome.notTimed.length
    ? ` Not timed: ${outcome.notTimed.map((c) => `${BACKEND_LABELS[c.name]}, ${notTimedWhy(c)}`).join('; ')}.`
    : '';
  return `Measured on this model: ${timings.join(', ')}: ${BACKEND_LABELS[best.name]}.${skipped}`;
}
