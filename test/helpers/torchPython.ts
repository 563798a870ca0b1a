/**
 * Running the PyTorch export's Python in tests: the first interpreter that has torch and Pillow
 * ($PYTHON, python3, then Debian's own), or null, in which case the tests that need it are skipped.
 */
import { execFile, execFileSync } from 'node:child_process';

function findPython(): string | null {
  for (const candidate of [process.env.PYTHON, 'python3', '/usr/bin/python3']) {
    if (!candidate) continue;
    try {
      execFileSync(candidate, ['-c', 'import torch, PIL'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // next candidate
    }
  }
  return null;
}

export const PYTHON = findPython();

/** Runs the interpreter with `args` in `cwd`; resolves with its stdout, rejects with its stderr's end. */
export function python(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!PYTHON) throw new Error('no python3 with torch and PIL');
    execFile(PYTHON, args, { cwd, timeout: 120_000, maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${args.join(' ')} failed: ${stderr.slice(-2000)}`)) : resolve(stdout),
    );
  });
}

/** torchrun on 127.0.0.1 with `n` processes. --redirects/--tee: torch 1.13 on Python 3.11 cannot parse
 * its own defaults (see the export's README). */
export const torchrun = (n: number): string[] => [
  '-m',
  'torch.distributed.run',
  '--standalone',
  `--nproc_per_node=${n}`,
  '--redirects',
  '9:1',
  '--tee',
  '9:1',
];

/** pyflakes' findings on `sources` ('' when clean), or null when pyflakes is not installed. */
export async function pyflakes(sources: string[], cwd: string): Promise<string | null> {
  const installed = await python(['-c', 'import pyflakes'], cwd).then(
    () => true,
    () => false,
  );
  return installed ? python(['-m', 'pyflakes', ...sources], cwd) : null;
}
