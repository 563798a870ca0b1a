/**
 * Chromium for the browser figures: $CHROMIUM_PATH, or the system's chromium (Debian's, installed
 * with apt-get when missing and this process may).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from '../../scripts/chromium';

/** The Chromium to launch (`launchChromium` in scripts/chromium.ts), installing Debian's when none is. */
export function findChromium(log: (line: string) => void): string {
  const found = chromiumPath();
  if (found) return found;
  log('apt-get install chromium');
  const prefix = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  for (const args of [
    ['apt-get', 'update'],
    ['apt-get', 'install', '-y', 'chromium'],
  ]) {
    const [command, ...rest] = [...prefix, ...args] as [string, ...string[]];
    execFileSync(command, rest, {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  if (!existsSync('/usr/bin/chromium')) throw new Error('chromium did not install; set CHROMIUM_PATH');
  return '/usr/bin/chromium';
}
