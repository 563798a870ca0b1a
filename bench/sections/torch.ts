/**
 * The reference peer: the default contrastive model in PyTorch on the CPU (bench/reference/
 * contrastive_torch.py), from Debian's python3-torch with OpenBLAS (libopenblas0-pthread), installed
 * with apt-get when missing. Threads as the comparison fixes them: OMP_NUM_THREADS=2, OPENBLAS_NUM_THREADS=1;
 * a one-thread run is added because the app's WASM backend trains on one thread.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { figure, type Figure } from '../lib/figures';
import { runJsonLines } from '../lib/child';
import type { BenchOptions } from '../lib/options';
import { defaultConfig } from '../../src/core/experiment/config';
import { builtInDataset } from '../../src/core/data/datasets';
import { buildVocabulary } from '../../src/core/text/vocabulary';

const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const PACKAGES = ['python3-torch', 'libopenblas0-pthread'];

interface TorchResult {
  torch: string;
  blasLoaded: string;
  threads: number;
  OMP_NUM_THREADS: string | null;
  OPENBLAS_NUM_THREADS: string | null;
  parameters: number;
  runs: { pairsPerSecond: number; cpuSeconds: number; wallSeconds: number }[];
}

function installed(pkg: string): boolean {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

/** Installs what is missing with apt-get; returns a reason when that is not possible. */
function ensurePackages(log: (line: string) => void): string | null {
  const missing = PACKAGES.filter((p) => !installed(p));
  if (missing.length === 0) return null;
  log(`apt-get install ${missing.join(' ')}`);
  try {
    const prefix = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
    const run = (args: string[]) => {
      const [command, ...rest] = [...prefix, ...args] as [string, ...string[]];
      execFileSync(command, rest, {
        stdio: 'ignore',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    };
    run(['apt-get', 'update']);
    run(['apt-get', 'install', '-y', '--no-install-recommends', ...missing]);
    return null;
  } catch (e) {
    return `could not install ${missing.join(', ')}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
  }
}

/** Width of the bag of words of the default dataset: the text tower's input, as in the app. */
function vocabularySize(): number {
  const config = defaultConfig();
  return buildVocabulary(builtInDataset(config).train.captions.flat()).words.length;
}

export async function torchReference(options: BenchOptions): Promise<{ figures: Figure[]; notes: string[] }> {
  const problem = ensurePackages(options.log);
  const notes: string[] = [];
  const figures: Figure[] = [];
  const vocab = vocabularySize();
  const settings = [
    { name: 'PyTorch CPU · 2 threads', omp: '2' },
    { name: 'PyTorch CPU · 1 thread', omp: '1' },
  ];
  for (const s of settings) {
    if (problem) {
      figures.push({ name: s.name, unit: 'pairs/s', values: [], better: 'higher', note: problem });
      continue;
    }
    options.log(`${s.name} (OMP_NUM_THREADS=${s.omp}, OPENBLAS_NUM_THREADS=1)`);
    const { lines, stderr } = await runJsonLines<TorchResult>(
      PYTHON,
      [
        'bench/reference/contrastive_torch.py',
        '--vocab',
        String(vocab),
        '--runs',
        String(options.runs),
        '--steps',
        options.quick ? '60' : '200',
      ],
      { env: { OMP_NUM_THREADS: s.omp, OPENBLAS_NUM_THREADS: '1' }, timeoutMs: 10 * 60_000 },
    );
    const r = lines[0];
    if (!r) {
      figures.push({
        name: s.name,
        unit: 'pairs/s',
        values: [],
        better: 'higher',
        note: `failed: ${stderr.trim().split('\n').pop()?.slice(0, 160) ?? 'no output'}`,
      });
      continue;
    }
    const cpuPairs = r.runs.map((run) => (run.pairsPerSecond * run.wallSeconds) / run.cpuSeconds);
    figures.push(
      figure({
        name: s.name,
        unit: 'pairs/s',
        values: r.runs.map((run) => run.pairsPerSecond),
        better: 'higher',
        note: `${Math.round([...cpuPairs].sort((a, b) => a - b)[Math.floor(cpuPairs.length / 2)]).toLocaleString('en-US')} pairs per CPU-second`,
      }),
    );
    if (notes.length === 0)
      notes.push(
        `torch ${r.torch} (Debian python3-torch), ${r.parameters.toLocaleString('en-US')} weights (bag of words V = ${vocab}); ` +
          `BLAS mapped: ${r.blasLoaded}.`,
      );
    notes.push(
      `${s.name}: OMP_NUM_THREADS=${r.OMP_NUM_THREADS}, OPENBLAS_NUM_THREADS=${r.OPENBLAS_NUM_THREADS}, torch.get_num_threads() = ${r.threads}.`,
    );
  }
  notes.push(
    'Same layers, widths, batch (64), loss (symmetric InfoNCE, τ = 0.1) and optimizer (Adam, lr 0.002) as the ' +
      "app's default coordinated model; random inputs of the same shapes. Two threads contend with any other " +
      'work on a 2-core machine: run it idle.',
  );
  return { figures, notes };
}
