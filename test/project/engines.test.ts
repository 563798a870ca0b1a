/**
 * The Node version the project declares is the one it installs on: every locked package accepts the
 * lowest Node that package.json's `engines` allows (so `npm ci` prints no EBADENGINE warning there), the
 * README names that same version, and CI installs with engine-strict, so a dependency that raises the bar
 * fails the build instead of warning.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import semver from 'semver';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const pkg = JSON.parse(read('package.json')) as { engines: { node: string } };
const lock = JSON.parse(read('package-lock.json')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};
const lowest = semver.minVersion(pkg.engines.node)!;

describe('the declared Node version', () => {
  it('is accepted by every locked package', () => {
    const refusing = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .flatMap(([path, p]) => {
        const range = p.engines && !Array.isArray(p.engines) ? p.engines.node : undefined;
        return range && !semver.satisfies(lowest, range) ? [`${path}@${p.version} wants node ${range}`] : [];
      });
    expect(refusing).toEqual([]);
  });

  it('runs these tests', () => {
    expect(semver.satisfies(process.version, pkg.engines.node)).toBe(true);
  });

  it('is the one the README names, and CI installs with engine-strict', () => {
    expect(read('README.md')).toContain(`**Node.js ${lowest.major}.${lowest.minor} or newer**`);
    expect(read('.ci/run')).toMatch(/npm ci --engine-strict/);
  });
});
