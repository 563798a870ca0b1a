/**
 * The headless runner: `npm run experiment -- --framework coordinated --loss infonce --steps 600 --seed 1`.
 * Progress goes to stderr; the result is one JSON object on stdout (and in --out FILE). With --sweep or
 * --seeds the object holds every run and a summary per swept value.
 * Exit codes: 0 done, 1 a run failed (e.g. diverged; a sweep still prints every run), 2 bad flags.
 */
import { writeFileSync } from 'node:fs';
import { parseFlags, usage, UsageError } from './flags';
import { useNodeBackend } from './nodeBackends';
import { runExperiment, type RunInputs } from './runExperiment';
import { runSweep } from './runSweep';
import { loadData, loadGloveFromDisk, type LoadedData } from './loadData';
import type { ExperimentConfig } from '../core/experiment/config';
import type { WordVectors } from '../core/text/glove';
import { builtInDataset } from '../core/data/datasets';
import { torchExportProblem } from '../core/export/torch/torchProject';
import { exportTorch, torchModalitiesProblem } from './exportTorch';
import { runEmbeddings } from './runEmbeddings';

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseFlags(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n\nRun with --help to see every flag.\n`);
      return 2;
    }
    throw e;
  }
  const { config, options, runs } = parsed;
  if (options.help) {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  if (options.embeddings) {
    const log = options.quiet ? () => {} : (line: string) => process.stderr.write(`${line}\n`);
    const json = JSON.stringify(await runEmbeddings(options.embeddings, options.shift, log), null, 2);
    process.stdout.write(`${json}\n`);
    if (options.out) writeFileSync(options.out, `${json}\n`);
    return 0;
  }
  if (options.exportTorch) {
    const problem = torchModalitiesProblem(config) ?? torchExportProblem(config);
    if (problem) {
      process.stderr.write(`${problem}\n`);
      return 2;
    }
    const data = options.data ? await loadData(options.data, config) : undefined;
    const count = await exportTorch(config, data?.dataset ?? builtInDataset(config), options.exportTorch);
    process.stderr.write(
      `wrote a PyTorch project (${count} files) to ${options.exportTorch}: see its README.md\n`,
    );
    return 0;
  }
  await useNodeBackend(options.backend);
  const log = options.quiet ? () => {} : (line: string) => process.stderr.write(`${line}\n`);
  // Data depends on the seed (the train/eval split), so it is loaded once per source and seed; GloVe once.
  const loaded = new Map<string, LoadedData | undefined>();
  let glove: WordVectors | undefined;
  const inputsFor = async (c: ExperimentConfig): Promise<RunInputs> => {
    // `--dataset emoji` alone means the built-in emoji files, as `--data emoji` does.
    const dataSpec = options.data ?? (c.dataset === 'emoji' ? 'emoji' : undefined);
    const key = `${dataSpec ?? ''} ${c.seed}`;
    if (!loaded.has(key)) {
      const data = dataSpec ? await loadData(dataSpec, c) : undefined;
      // The validation report is part of the result, not progress: it is printed even with --quiet.
      for (const line of data?.report ?? []) process.stderr.write(`${line}\n`);
      loaded.set(key, data);
    }
    const data = loaded.get(key);
    if (c.textEncoder === 'glove') glove ??= await loadGloveFromDisk();
    return {
      ...(data ? { dataset: data.dataset, info: data.info } : {}),
      ...(c.textEncoder === 'glove' && glove ? { wordVectors: glove } : {}),
    };
  };
  let output: unknown;
  let failed: boolean;
  if (runs) {
    const sweep = await runSweep(runs, options.sweep?.setting, options.backend, log, inputsFor);
    output = sweep;
    failed = sweep.runs.some((r) => r.stopped);
  } else {
    const result = await runExperiment(config, options.backend, log, await inputsFor(config));
    output = result;
    failed = Boolean(result.stopped);
  }
  const json = JSON.stringify(output, null, 2);
  process.stdout.write(`${json}\n`);
  if (options.out) writeFileSync(options.out, `${json}\n`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
