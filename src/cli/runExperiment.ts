import { tf } from '../core/tf';
import { CONFIG_SPEC, type ConfigKey, type ExperimentConfig } from '../core/experiment/config';
import { applies } from '../core/experiment/paramSpec';
import type { GapMetrics } from '../core/metrics/gapMetrics';
import { builtInDataset } from '../core/data/datasets';
import { Trainer } from '../training/trainer';
import type { PairDataset } from '../core/data/pairs';
import type { WordVectors } from '../core/text/glove';
import { measurementsOf } from '../core/frameworks/frameworkExtra';
import { modalityPairs, pairModalities, type Modality } from '../core/data/modalities';

/** The common gap metrics, plus whatever the framework measures itself (under its own keys). */
export type Measured = GapMetrics & Record<string, unknown>;

export interface HistoryEntry extends GapMetrics {
  step: number;
  /** Mean training loss over the steps since the previous entry (at step 0: the loss before training). */
  loss: number;
  /** Learnt scalars (e.g. temperature) and framework-specific measurements. */
  [key: string]: unknown;
}

export interface ExperimentResult {
  /** The settings of the run, less data settings that did not shape its data (see reportedConfig). */
  config: Partial<ExperimentConfig>;
  backend: string;
  parameters: number;
  /** Training throughput: pairs per second over the optimizer steps only (evaluation excluded). */
  pairsPerSecond: number;
  /** Wall-clock seconds for the whole run, data generation and evaluation included. */
  seconds: number;
  initial: Measured;
  final: Measured;
  history: HistoryEntry[];
  stopped?: string;
  /** What `--data` loaded (source, art styles, sizes, import summary); absent for the built-in shapes. */
  data?: Record<string, unknown>;
}

/** Data from outside the config: a dataset to use instead of the built-in one, frozen word vectors. */
export interface RunInputs {
  dataset?: PairDataset;
  /** Described in the result's `data`. */
  info?: Record<string, unknown>;
  wordVectors?: WordVectors;
}

/** Runs one experiment to completion on the current TF.js backend. `log` receives progress lines. */
export async function runExperiment(
  config: ExperimentConfig,
  backend: string,
  log: (line: string) => void,
  inputs: RunInputs = {},
): Promise<ExperimentResult> {
  const t0 = performance.now();
  const dataset = inputs.dataset ?? builtInDataset(config);
  const trainer = new Trainer(config, dataset, inputs.wordVectors ? { wordVectors: inputs.wordVectors } : {});
  try {
    log(
      `${config.framework}/${config.loss} on ${dataset.name}: ${dataset.train.size} training pairs, ` +
        `${dataset.eval.size} evaluation pairs, ${trainer.parameterCount()} weights, backend ${backend}`,
    );
    const history: HistoryEntry[] = [];
    const first = await trainer.evaluate();
    history.push({
      step: 0,
      loss: await trainer.probeLoss(),
      ...first.metrics,
      ...measurementsOf(first.extra),
    });
    // Own pairs have no held-out combinations: their column reads '–', explained once.
    if (first.metrics.heldOut.count === 0) log(`held-out –: ${NO_HELD_OUT}`);
    log(progressLine(history[0]));
    let trainMs = 0;
    let stopped: string | undefined;
    let last = first;
    while (trainer.step < config.steps && !stopped) {
      const t = performance.now();
      const chunk = await trainer.train(Math.min(config.evalEvery, config.steps - trainer.step));
      trainMs += performance.now() - t;
      stopped = chunk.stopped;
      last = await trainer.evaluate();
      const entry: HistoryEntry = {
        step: chunk.step,
        loss: chunk.loss,
        ...chunk.scalars,
        ...last.metrics,
        ...measurementsOf(last.extra),
      };
      history.push(entry);
      log(progressLine(entry));
    }
    if (stopped) log(stopped);
    const pairs = trainer.step * Math.min(config.batchSize, dataset.train.size);
    const result: ExperimentResult = {
      config: reportedConfig(config),
      backend,
      parameters: trainer.parameterCount(),
      pairsPerSecond: trainMs > 0 ? round(pairs / (trainMs / 1000), 1) : 0,
      seconds: round((performance.now() - t0) / 1000, 2),
      initial: { ...first.metrics, ...measurementsOf(first.extra) },
      final: { ...last.metrics, ...measurementsOf(last.extra) },
      history,
      ...(stopped ? { stopped } : {}),
      ...(inputs.info ? { data: inputs.info } : {}),
    };
    log(
      `done in ${result.seconds} s, ${result.pairsPerSecond} pairs/s while training (evaluation excluded), ${tf.memory().numTensors} tensors alive`,
    );
    return result;
  } finally {
    trainer.dispose();
  }
}

/** Why a split's column reads '–' in the progress lines. */
export const NO_HELD_OUT = 'no held-out combinations in this data';

/**
 * The config as the JSON reports it: a data setting is left out where it did not shape the data trained
 * on, so `config` never contradicts `data` (own pairs have no `trainSize`, the generated shapes no
 * `evalShare`); the sizes actually trained on are in `data` (or, for the shapes, `trainSize`/`evalSize`).
 */
export function reportedConfig(config: ExperimentConfig): Partial<ExperimentConfig> {
  const kept = (Object.keys(config) as ConfigKey[]).filter((key) => {
    const spec = CONFIG_SPEC[key];
    return spec.group !== 'data' || applies(spec, config);
  });
  return Object.fromEntries(kept.map((key) => [key, config[key]]));
}

/** The words the progress lines use for each modality (the app's words: a text is a caption). */
const MODALITY_WORD: Record<Modality, string> = { image: 'image', text: 'caption', audio: 'sound' };

/**
 * The names of the two retrieval directions of a run's first pair, which its top-level metrics describe:
 * image–text keeps its short names (i2t, t2i), any other pair is spelt out (image→sound, sound→image).
 */
export function firstPairDirections(modalities: readonly Modality[]): [string, string] {
  const [a, b] = modalities.slice(0, 2).map((m) => MODALITY_WORD[m]);
  return a === 'image' && b === 'caption' ? ['i2t', 't2i'] : [`${a}→${b}`, `${b}→${a}`];
}

/**
 * One line per evaluation; a split with no pairs reads '–' (a diverged loss still reads NaN). An
 * image–text run reads 'R@1 i2t … t2i …'; a run of two other modalities names its pair the same way
 * ('R@1 image→sound 0.520 sound→image 0.610  held-out image→sound 0.300'). With three modalities each
 * pair gets a compact part: 'image–sound gap 0.310 R@1 i→s 0.520 s→i 0.610 held-out i→s 0.300'.
 */
export function progressLine(e: HistoryEntry): string {
  const f = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : String(v));
  const r1 = (split: { count: number }, v: number) => (split.count === 0 ? '–' : f(v));
  const head = `step ${String(e.step).padStart(6)}  loss ${f(e.loss)}`;
  const modalities = e.modalities ?? ['image', 'text'];
  if (modalities.length > 2) {
    const parts = [head];
    for (const key of modalityPairs(modalities)) {
      const pair = e.pairs?.[key];
      if (!pair) continue;
      const [a, b] = pairModalities(key).map((m) => MODALITY_WORD[m]);
      const [x, y] = [a[0], b[0]];
      parts.push(
        `${a}–${b} gap ${f(pair.gap)} R@1 ${x}→${y} ${r1(pair.seen, pair.seen.a2b.r1)} ` +
          `${y}→${x} ${r1(pair.seen, pair.seen.b2a.r1)} held-out ${x}→${y} ${r1(pair.heldOut, pair.heldOut.a2b.r1)}`,
      );
    }
    return parts.join('  ');
  }
  const [ab, ba] = firstPairDirections(modalities);
  return (
    `${head}  gap ${f(e.gap)}  align ${f(e.alignment)}  ` +
    `R@1 ${ab} ${r1(e.seen, e.seen.i2t.r1)} ${ba} ${r1(e.seen, e.seen.t2i.r1)}  ` +
    `held-out ${ab} ${r1(e.heldOut, e.heldOut.i2t.r1)}`
  );
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
