/**
 * Headless Chromium for the browser figures: $CHROMIUM_PATH, or Debian's chromium (installed with
 * apt-get when missing and this process may), driven by playwright-core.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium(log: (line: string) => void): string {
  const configured = process.env.CHROMIUM_PATH ?? process.env.CHROMIUM;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH ${configured} does not exist`);
    return configured;
  }
  const found = CANDIDATES.find((p) => existsSync(p));
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

/**
 * Flags that work headless on machines without a GPU (see BROWSER.md): no network chatter, SwiftShader
 * allowed for WebGL, WebGPU enabled (on a GPU machine it finds the GPU; here a software adapter).
 */
export async function launchChromium(log: (line: string) => void): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(log),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--enable-unsafe-swiftshader',
      '--enable-unsafe-webgpu',
      ...(process.env.CHROMIUM_FLAGS ? process.env.CHROMIUM_FLAGS.split(' ').filter(Boolean) : []),
    ],
  });
}
