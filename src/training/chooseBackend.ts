import type { ExperimentConfig } from '../core/experiment/config';
import { frameworkOf } from '../core/frameworks/registry';
import type { PairDataset } from '../core/data/pairs';
import { Trainer } from './trainer';
import type { WordVectors } from '../core/text/glove';
import { activateBackend, detectBackends } from './backends';
import { notTimedWhy, probePlan } from './probePlan';
import { costKey } from './backendCost';
import {
  BACKEND_LABELS,
  type BackendAvailability,
  type BackendChoice,
  type BackendDecision,
} from './backendInfo';

type TrainerResources = { readonly wordVectors?: WordVectors };

/** Steps timed per backend by the probe (after one warm-up step that compiles shaders / kernels). */
const PROBE_STEPS = 2;
/**
 * A backend whose warm-up step alone takes this many times the best time per step found so far is not
 * timed further: it would have to become that much faster after compiling to win, and the class waits.
 */
const WARMUP_CUTOFF = 20;

/** Automatic decisions already measured in this worker, by the settings that change a step's cost. */
const decided = new Map<string, BackendDecision>();

/** Milliseconds per training step of `config` on the active backend, measured on a throwaway model. */
async function timeSteps(
  config: ExperimentConfig,
  dataset: PairDataset,
  resources: TrainerResources,
  bestSoFar: number,
): Promise<number> {
  const trainer = new Trainer({ ...config, evalEvery: 1 }, dataset, resources);
  try {
    const w0 = performance.now();
    await trainer.train(1);
    const warmUp = performance.now() - w0;
    if (warmUp > WARMUP_CUTOFF * bestSoFar) return warmUp;
    const t0 = performance.now();
    await trainer.train(PROBE_STEPS);
    return (performance.now() - t0) / PROBE_STEPS;
  } finally {
    trainer.dispose();
  }
}

/**
 * Picks the backend to train on and says why. A named choice is honoured when it can run the model.
 * 'auto' prefers a hardware WebGPU adapter; otherwise it times a few steps of the actual model on each
 * backend that can train it and takes the fastest (on a machine without a GPU that is usually WASM).
 */
export async function chooseBackend(
  choice: BackendChoice,
  config: ExperimentConfig,
  dataset: PairDataset,
  /** What the Trainer needs besides the data (frozen word vectors). */
  resources: TrainerResources = {},
): Promise<BackendDecision> {
  const framework = frameworkOf(config);
  const candidates: BackendAvailability[] = (await detectBackends()).map((c) => {
    const unsupported = c.available ? framework.unsupported(config, c.name) : null;
    return unsupported ? { ...c, unsupported } : c;
  });
  const usable = candidates.filter((c) => c.available && !c.unsupported);

  if (choice !== 'auto') {
    const wanted = candidates.find((c) => c.name === choice);
    if (wanted && usable.includes(wanted) && (await activateBackend(choice))) {
      return { backend: choice, reason: `${BACKEND_LABELS[choice]}, as chosen.`, candidates };
    }
    const why = wanted?.unsupported ?? wanted?.note ?? 'it failed to start';
    const fallback = await chooseBackend('auto', config, dataset, resources);
    return {
      ...fallback,
      reason: `${BACKEND_LABELS[choice]} cannot train this model here (${why}) ${fallback.reason}`,
    };
  }

  const key = costKey(config);
  const known = decided.get(key);
  if (known && (await activateBackend(known.backend))) return known;
  const decision = await decideAuto(candidates, usable, config, dataset, resources);
  decided.set(key, decision);
  return decision;
}

async function decideAuto(
  candidates: BackendAvailability[],
  usable: BackendAvailability[],
  config: ExperimentConfig,
  dataset: PairDataset,
  resources: TrainerResources,
): Promise<BackendDecision> {
  const gpu = usable.find((c) => c.name === 'webgpu' && !c.fallbackAdapter);
  if (gpu && (await activateBackend('webgpu'))) {
    return { backend: 'webgpu', reason: `WebGPU on ${gpu.adapter ?? 'the GPU'}.`, candidates };
  }
  // No hardware WebGPU: measure.
  const { timed, notTimed } = probePlan(usable);
  let ranked = await timeEach(timed, config, dataset, resources);
  // WASM would not start: the emulations are all there is.
  const fellBack = !ranked.length && notTimed.length > 0;
  if (fellBack) ranked = await timeEach(notTimed, config, dataset, resources);
  const best = ranked[0];
  if (!best || !(await activateBackend(best.name))) {
    await activateBackend('cpu');
    return { backend: 'cpu', reason: 'Only the plain JavaScript backend could start.', candidates };
  }
  const others = ranked.slice(1).map((c) => `${BACKEND_LABELS[c.name]} ${c.msPerStep!.toFixed(1)} ms`);
  const skipped =
    notTimed.length && !fellBack
      ? ` Not timed: ${notTimed.map((c) => `${BACKEND_LABELS[c.name]}, ${notTimedWhy(c)}`).join('; ')}.`
      : '';
  return {
    backend: best.name,
    reason:
      `${BACKEND_LABELS[best.name]} measured fastest on this model: ${best.msPerStep!.toFixed(1)} ms per step` +
      (others.length ? ` (${others.join(', ')}).` : '.') +
      skipped,
    candidates,
  };
}

/** Times each backend in turn (recording msPerStep on it); returns those that ran, fastest first. */
async function timeEach(
  backends: BackendAvailability[],
  config: ExperimentConfig,
  dataset: PairDataset,
  resources: TrainerResources,
): Promise<BackendAvailability[]> {
  let fastest = Infinity;
  for (const c of backends) {
    if (await activateBackend(c.name)) {
      c.msPerStep = await timeSteps(config, dataset, resources, fastest);
      fastest = Math.min(fastest, c.msPerStep);
    } else c.available = false;
  }
  return backends
    .filter((c) => c.available && c.msPerStep !== undefined)
    .sort((a, b) => a.msPerStep! - b.msPerStep!);
}
