/**
 * The training worker's session, in Node, on 1,000 against 20,000 own pairs, alternated back to back: the
 * same TrainingSession the app's worker hosts (evaluations, live codes of the shown pairs, probes),
 * played for `--seconds`, with the wall time split into training chunks, evaluations and the rest (live
 * codes, probes, posting). Where a slower step at 20,000 goes, without the page or the projection worker.
 *
 *   PROBE_ROUNDS=2 PROBE_SECONDS=15 PROBE_SIZES=1000,20000 PROBE_BACKEND=wasm \
 *     npx vitest run --config bench/scale/probe.config.ts bench/scale/session.probe.ts
 */
import { readFileSync } from 'node:fs';
import { it, vi } from 'vitest';
import { useNodeBackend, type NodeBackend } from '../../src/cli/nodeBackends';
import { nodeImageDecoder } from '../../src/cli/nodeImageDecoder';
import { decodeItems, parseImport } from '../../src/core/data/import';
import { defaultConfig } from '../../src/core/experiment/config';
import { Trainer } from '../../src/training/trainer';
import type { ImportedData, WorkerResponse } from '../../src/training/protocol';
import { pairsZip } from './pairsZip';
import { EVAL_SAMPLE } from '../../src/training/evalSample';
import { createProjector, stackPairs } from '../../src/core/projection/projector';
import { currentLoad } from '../lib/machine';

const values = {
  rounds: process.env.PROBE_ROUNDS ?? '2',
  seconds: process.env.PROBE_SECONDS ?? '15',
  sizes: process.env.PROBE_SIZES ?? '1000,20000',
};
const backend = (process.env.PROBE_BACKEND ?? 'wasm') as NodeBackend;
vi.mock('../../src/training/chooseBackend', () => ({
  chooseBackend: () => Promise.resolve({ backend, reason: 'Node probe.', candidates: [] }),
}));
const { TrainingSession } = await import('../../src/training/session');

/** Wall and CPU time inside Trainer.train and Trainer.evaluate, ms, since the last reset. */
const spent = { train: 0, evaluate: 0, evaluations: 0, trainCpu: 0, evaluateCpu: 0 };
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const timed = <K extends 'train' | 'evaluate'>(key: K) => {
  const original = Trainer.prototype[key] as (...args: unknown[]) => Promise<unknown>;
  (Trainer.prototype as unknown as Record<K, unknown>)[key] = async function (
    this: Trainer,
    ...args: unknown[]
  ) {
    const t0 = performance.now();
    const c0 = cpuMs();
    try {
      return await original.apply(this, args);
    } finally {
      spent[key] += performance.now() - t0;
      spent[`${key}Cpu`] += cpuMs() - c0;
      if (key === 'evaluate') spent.evaluations++;
    }
  };
};
timed('train');
timed('evaluate');

const data = new Map<number, ImportedData>();
async function importedData(n: number): Promise<ImportedData> {
  const cached = data.get(n);
  if (cached) return cached;
  const parsed = parseImport([{ path: `pairs-${n}.zip`, bytes: new Uint8Array(readFileSync(pairsZip(n))) }]);
  const pairs = await decodeItems(parsed, nodeImageDecoder);
  const d: ImportedData = {
    id: `probe-${n}`,
    name: `pairs-${n}`,
    size: pairs.size,
    images: pairs.images,
    captions: pairs.captions.map((c) => [...c]),
    paths: [...pairs.paths],
  };
  data.set(n, d);
  return d;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('probes', async () => {
  await useNodeBackend(backend);
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const n of values.sizes.split(',').map(Number)) {
      const d = await importedData(n);
      const messages: { t: number; m: WorkerResponse }[] = [];
      const session = new TrainingSession((m) => messages.push({ t: performance.now(), m }));
      const config = { ...defaultConfig(), dataset: 'imported' as const };
      await session.handle({
        type: 'init',
        runId: 1,
        config,
        targetSteps: 1_000_000,
        backend,
        baseUrl: 'http://localhost/',
        data: d,
      });
      const load = currentLoad();
      spent.train = spent.evaluate = spent.evaluations = spent.trainCpu = spent.evaluateCpu = 0;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      void session.handle({ type: 'play' });
      await sleep(Number(values.seconds) * 1000);
      await session.handle({ type: 'pause' });
      const wall = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      await sleep(500);
      const during = messages.filter((x) => x.t >= t0 && x.t <= t0 + wall);
      const steps = Math.max(
        0,
        ...during.map((x) => (x.m.type === 'progress' || x.m.type === 'snapshot' ? stepOf(x.m) : 0)),
      );
      const count = (type: string) => during.filter((x) => x.m.type === type).length;
      const rest = wall - spent.train - spent.evaluate;
      console.log(
        JSON.stringify({
          n,
          round,
          load: Number(load.toFixed(2)),
          steps,
          wallS: Number((wall / 1000).toFixed(1)),
          cpuS: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
          msPerStep: Number((wall / steps).toFixed(2)),
          trainMsPerStep: Number((spent.train / steps).toFixed(2)),
          evaluations: spent.evaluations,
          evaluateMsEach: Number((spent.evaluate / Math.max(1, spent.evaluations)).toFixed(1)),
          evaluateShare: Number((spent.evaluate / wall).toFixed(3)),
          cpuMsPerStep: Number(((cpu.user + cpu.system) / 1000 / steps).toFixed(2)),
          trainCpuMsPerStep: Number((spent.trainCpu / steps).toFixed(2)),
          evaluateCpuMsEach: Number((spent.evaluateCpu / Math.max(1, spent.evaluations)).toFixed(1)),
          otherCpuMsPerStep: Number(
            (((cpu.user + cpu.system) / 1000 - spent.trainCpu - spent.evaluateCpu) / steps).toFixed(2),
          ),
          layouts: layouts(during.map((x) => x.m)),
          restShare: Number((rest / wall).toFixed(3)),
          codes: count('codes'),
          // Evaluations of more pairs than the sample: full ones (the whole set, 4,000 pairs at 20,000).
          fullEvaluations: during.filter(
            (x) => x.m.type === 'snapshot' && (x.m.snapshot.evaluated ?? 0) > EVAL_SAMPLE,
          ).length,
          snapshots: count('snapshot'),
        }),
      );
    }
  }
});

/** CPU ms of the projector over the snapshots' and live codes' points, as the page lays them out. */
function layouts(messages: WorkerResponse[]) {
  const projector = createProjector();
  const cpu: number[] = [];
  let rows = 0;
  for (const m of messages) {
    const codes = m.type === 'snapshot' ? m.snapshot : m.type === 'codes' ? m.live : null;
    if (!codes) continue;
    const data = stackPairs(codes.image, codes.text);
    rows = data.length / codes.dim;
    const c0 = cpuMs();
    projector.project('umap', data, rows / 2, codes.dim, cpu.length > 0);
    cpu.push(cpuMs() - c0);
  }
  const warm = cpu.slice(1);
  return {
    rows,
    coldMs: Math.round(cpu[0] ?? NaN),
    warmMs: Math.round(warm.reduce((a, b) => a + b, 0) / Math.max(1, warm.length)),
  };
}

function stepOf(m: WorkerResponse): number {
  if (m.type === 'progress') return m.step;
  if (m.type === 'snapshot') return m.snapshot.step;
  return 0;
}
