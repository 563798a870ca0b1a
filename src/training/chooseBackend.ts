import type { ExperimentConfig } from '../core/experiment/config';
import { frameworkOf } from '../core/frameworks/registry';
import type { PairDataset } from '../core/data/pairs';
import { Trainer } from './trainer';
import type { WordVectors } from '../core/text/glove';
import { activateBackend, detectBackends } from './backends';
import { probeBackends, probeReason, warmUpRulesOut, type ProbeTiming } from './probePlan';
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

/** Automatic decisions already measured in this worker, by the settings that change a step's cost. */
const decided = new Map<string, BackendDecision>();

/**
 * Milliseconds per training step of `config` on the active backend, measured on a throwaway model; only
 * the warm-up step when that alone rules the backend out against `bestSoFar`.
 */
async function timeSteps(
  config: ExperimentConfig,
  dataset: PairDataset,
  resources: TrainerResources,
  bestSoFar: number,
): Promise<ProbeTiming> {
  const trainer = new Trainer({ ...config, evalEvery: 1 }, dataset, resources);
  try {
    const w0 = performance.now();
    await trainer.train(1);
    const warmUp = performance.now() - w0;
    if (warmUpRulesOut(warmUp, bestSoFar)) return { msPerStep: warmUp, warmUpOnly: true };
    const t0 = performance.now();
    await trainer.train(PROBE_STEPS);
    return { msPerStep: (performance.now() - t0) / PROBE_STEPS };
  } finally {
    trainer.dispose();
  }
}

/**
 * Picks the backend to train on and says why. A named choice is honoured when it can run the model.
 * 'auto' times a few steps of the actual model on each backend that can train it and may win (WebAssembly,
 * a hardware WebGPU or WebGL) and takes the fastest: a GPU is not assumed faster, since at small batches
 * a step is per-dispatch overhead and 2-core WebAssembly can beat it.
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

/** Times the backends worth timing on the actual model (a hardware WebGPU too) and takes the fastest. */
async function decideAuto(
  candidates: BackendAvailability[],
  usable: BackendAvailability[],
  config: ExperimentConfig,
  dataset: PairDataset,
  resources: TrainerResources,
): Promise<BackendDecision> {
  const outcome = await probeBackends(usable, async (c, bestSoFar) =>
    (await activateBackend(c.name)) ? timeSteps(config, dataset, resources, bestSoFar) : null,
  );
  const best = outcome.ranked[0];
  if (!best || !(await activateBackend(best.name))) {
    await activateBackend('cpu');
    return { backend: 'cpu', reason: 'Only the plain JavaScript backend could start.', candidates };
  }
  return { backend: best.name, reason: probeReason(outcome), candidates };
}
