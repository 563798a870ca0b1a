/**
 * The headless runner: `npm run experiment -- --framework coordinated --loss infonce --steps 600 --seed 1`.
 * Progress goes to stderr; the result is one JSON object on stdout (and in --out FILE).
 * Exit codes: 0 done, 1 the run failed (e.g. diverged), 2 bad flags.
 */
import { writeFileSync } from 'node:fs';
import { parseFlags, usage, UsageError } from './flags';
import { useNodeBackend } from './nodeBackends';
import { runExperiment } from './runExperiment';
import { loadData, loadGloveFromDisk } from './loadData';

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
  const { config, options } = parsed;
  if (options.help) {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  await useNodeBackend(options.backend);
  const log = options.quiet ? () => {} : (line: string) => process.stderr.write(`${line}\n`);
  // `--dataset emoji` alone means the built-in emoji files, as `--data emoji` does.
  const dataSpec = options.data ?? (config.dataset === 'emoji' ? 'emoji' : undefined);
  const data = dataSpec ? await loadData(dataSpec, config) : undefined;
  // The validation report is part of the result, not progress: it is printed even with --quiet.
  for (const line of data?.report ?? []) process.stderr.write(`${line}\n`);
  const wordVectors = config.textEncoder === 'glove' ? await loadGloveFromDisk() : undefined;
  const result = await runExperiment(config, options.backend, log, {
    ...(data ? { dataset: data.dataset, info: data.info } : {}),
    ...(wordVectors ? { wordVectors } : {}),
  });
  const json = JSON.stringify(result, null, 2);
  process.stdout.write(`${json}\n`);
  if (options.out) writeFileSync(options.out, `${json}\n`);
  return result.stopped ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
